/**
 * LoadGen traces (`mlperf_log_trace.json`) written as LoadGen's ChromeTracer writes them, for simulated systems: one
 * that is honest, one that caches, one that coalesces identical samples. The shared data's traces are all empty.
 */

export interface TracedSample {
  readonly sequence: number;
  readonly query: number;
  readonly sampleIndex: number;
  readonly scheduledNs: number;
  readonly issuedNs: number;
  readonly completedNs: number;
}

/** Microseconds with three decimals, as LoadGen prints them (std::fixed, setprecision(3)). */
function micros(ns: number): string {
  return (ns / 1000).toFixed(3);
}

export function traceFile(samples: readonly TracedSample[], options: { readonly complete?: boolean } = {}): string {
  const lines = ['{"traceEvents":[', '{"name":"GenerateQueries","ph":"X","pid":1,"tid":1,"ts":0.000,"dur":12.500,"args":{}},'];
  for (const sample of samples) {
    lines.push(
      `{"name":"Sample","cat":"default","ph":"b","pid":1,"id":${sample.sequence},"ts":${micros(sample.scheduledNs)},"args":{"sample_seq":${sample.sequence},"query_seq":${sample.query},"sample_idx":${sample.sampleIndex},"issue_start_ns":${sample.issuedNs},"complete_ns":${sample.completedNs}}},`,
      `{"name":"Sample","cat":"default","ph":"e", "pid":1,"id":${sample.sequence},"ts":${micros(sample.scheduledNs + sample.completedNs)}},`,
    );
  }
  if (options.complete !== false) lines.push('{"name":"LastTrace"}', '],', '"displayTimeUnit":"ns",', '"otherData":{', '"version":"MLPerf LoadGen v1.0"', '}', '}');
  return `${lines.join('\n')}\n`;
}

/** A small deterministic generator (mulberry32), so traces are the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SingleStreamOptions {
  readonly samples: number;
  /** How many distinct sample indices LoadGen draws from (the performance sample count). */
  readonly loaded: number;
  /** Service time of a sample; `repeat` tells whether its index was issued before. */
  readonly serviceNs: (repeat: boolean, position: number, random: () => number) => number;
  readonly seed?: number;
}

/** One sample a query, each issued when the previous one completed. */
export function singleStreamRun(options: SingleStreamOptions): TracedSample[] {
  const random = seededRandom(options.seed ?? 1);
  const seen = new Set<number>();
  const samples: TracedSample[] = [];
  let now = 1_000_000;
  for (let position = 0; position < options.samples; position++) {
    const sampleIndex = Math.floor(random() * options.loaded);
    const issuedNs = 2_000 + Math.floor(random() * 1_000);
    const completedNs = issuedNs + Math.round(options.serviceNs(seen.has(sampleIndex), position, random));
    seen.add(sampleIndex);
    samples.push({ sequence: position, query: position, sampleIndex, scheduledNs: now, issuedNs, completedNs });
    now += completedNs + 500;
  }
  return samples;
}

export interface ServerOptions {
  readonly samples: number;
  readonly loaded: number;
  /** Time between arrivals. */
  readonly intervalNs: number;
  /** The SUT starts a batch of whatever arrived every window, and each batch takes serviceNs. */
  readonly windowNs: number;
  readonly serviceNs: number;
  /** A sample whose index is still in flight is answered with it, when it completes. */
  readonly coalesce: boolean;
  readonly seed?: number;
}

/** One sample a query, arriving at a steady rate; the SUT batches by arrival window. */
export function serverRun(options: ServerOptions): TracedSample[] {
  const random = seededRandom(options.seed ?? 2);
  const samples: TracedSample[] = [];
  const inFlightUntil = new Map<number, number>();
  for (let position = 0; position < options.samples; position++) {
    const scheduledNs = 1_000_000 + position * options.intervalNs;
    const sampleIndex = Math.floor(random() * options.loaded);
    const ownCompletion = (Math.floor(scheduledNs / options.windowNs) + 1) * options.windowNs + options.serviceNs;
    const twinCompletion = inFlightUntil.get(sampleIndex);
    const completion = options.coalesce && twinCompletion !== undefined && twinCompletion > scheduledNs ? twinCompletion : ownCompletion;
    inFlightUntil.set(sampleIndex, completion);
    samples.push({ sequence: position, query: position, sampleIndex, scheduledNs, issuedNs: 1_000, completedNs: completion - scheduledNs });
  }
  return samples;
}
