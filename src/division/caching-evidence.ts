import { binomialUpperTail, mannWhitneyLowerTail } from '../harness/statistics.ts';
import type { LoadgenTrace } from '../parsers/loadgen-trace.ts';

/**
 * Evidence of caching and coalescing in a LoadGen trace (spec harness.md §4.5; rules §5.1 and §8.2): a SUT without a
 * cache takes as long for a sample it has seen before, and completes identical samples no more often together than
 * distinct ones.
 */

/**
 * The first samples of a run are left out of the comparison: warm-up makes them slow whether or not they repeat. A
 * fixed count, not a share: first occurrences crowd the start of a run (after n·ln n samples of a loaded set of n,
 * nearly every index has been seen), so leaving out a share of a long run would leave nothing to compare.
 */
const WARM_UP_SAMPLES = 100;
/** Fewer matched pairs than this and no conclusion is drawn. */
export const MIN_PAIRS = 20;
/** Repeats faster than this share of first occurrences, with p below SIGNIFICANCE, are caching (spec §4.5). */
export const REPEAT_RATIO_LIMIT = 0.7;
export const SIGNIFICANCE = 1e-3;
/** Identical in-flight samples completing together at least this often are coalesced (with p below SIGNIFICANCE). */
export const TOGETHER_SHARE_LIMIT = 0.5;

export interface RepeatLatency {
  /** First occurrences paired with a repeat of another sample issued soon after. */
  readonly pairs: number;
  readonly firstMedianNs: number;
  readonly repeatMedianNs: number;
  /** repeatMedianNs / firstMedianNs */
  readonly ratio: number;
  /** One-sided Mann-Whitney: repeats faster than first occurrences. */
  readonly p: number;
  readonly cached: boolean;
}

export interface Coalescing {
  /** Samples issued while an identical sample was still in flight, with a distinct neighbour to compare with. */
  readonly pairs: number;
  /** Of those, how many completed at the same nanosecond as the identical sample. */
  readonly together: number;
  /** How many of their distinct neighbours completed at the same nanosecond as that identical sample. */
  readonly neighboursTogether: number;
  /** One-sided exact test on the discordant pairs: identical samples complete together more often than distinct. */
  readonly p: number;
  readonly coalesced: boolean;
}

/** Samples in the order LoadGen issued them; the samples of one query share an issue time and go in sequence order. */
function issueOrder(trace: LoadgenTrace): Uint32Array {
  const issued = issuedAt(trace);
  return Uint32Array.from({ length: trace.samples }, (_, i) => i).sort((a, b) => issued[a]! - issued[b]! || trace.sequence[a]! - trace.sequence[b]!);
}

function issuedAt(trace: LoadgenTrace): Float64Array {
  return trace.scheduledNs.map((scheduled, i) => scheduled + trace.issuedNs[i]!);
}

function completedAt(trace: LoadgenTrace): Float64Array {
  return trace.scheduledNs.map((scheduled, i) => scheduled + trace.completedNs[i]!);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Compares the service latency (issue to completion) of samples seen for the first time with that of repeated samples
 * issued right after them: each repeat is paired with the latest unpaired first occurrence before it, so slow drift
 * over the run affects both sides alike. Undefined when there are fewer than MIN_PAIRS pairs.
 */
export function repeatLatency(trace: LoadgenTrace): RepeatLatency | undefined {
  const order = issueOrder(trace);
  const seen = new Set<number>();
  const unpairedFirsts: number[] = [];
  const firsts: number[] = [];
  const repeats: number[] = [];
  const serviceNs = (sample: number): number => trace.completedNs[sample]! - trace.issuedNs[sample]!;
  order.forEach((sample, position) => {
    const index = trace.sampleIndex[sample]!;
    const repeat = seen.has(index);
    seen.add(index);
    if (position < WARM_UP_SAMPLES) return;
    if (!repeat) {
      unpairedFirsts.push(sample);
      return;
    }
    const first = unpairedFirsts.pop();
    if (first === undefined) return;
    firsts.push(serviceNs(first));
    repeats.push(serviceNs(sample));
  });
  if (firsts.length < MIN_PAIRS) return undefined;
  const firstMedianNs = median(firsts);
  const repeatMedianNs = median(repeats);
  const ratio = firstMedianNs > 0 ? repeatMedianNs / firstMedianNs : 1;
  const p = mannWhitneyLowerTail(repeats, firsts);
  return { pairs: firsts.length, firstMedianNs, repeatMedianNs, ratio, p, cached: ratio < REPEAT_RATIO_LIMIT && p < SIGNIFICANCE };
}

/**
 * Whether identical samples in flight at the same time complete together more often than distinct ones: for each
 * sample issued while an identical one is still in flight, compares "completed at the same nanosecond as its twin"
 * with the same question for the next distinct sample issued after it that was also in flight with the twin. A batch
 * completes together whatever it holds, so only the difference between the two says something. Undefined when there
 * are fewer than MIN_PAIRS such samples.
 */
export function coalescing(trace: LoadgenTrace): Coalescing | undefined {
  const order = issueOrder(trace);
  const issued = issuedAt(trace);
  const completed = completedAt(trace);
  const lastOccurrence = new Map<number, number>();
  let pairs = 0;
  let together = 0;
  let neighboursTogether = 0;
  let onlyTwin = 0;
  let onlyNeighbour = 0;
  order.forEach((sample, position) => {
    const index = trace.sampleIndex[sample]!;
    const twin = lastOccurrence.get(index);
    lastOccurrence.set(index, sample);
    if (twin === undefined || completed[twin]! <= issued[sample]!) return;
    const neighbour = nextDistinctInFlight(order, position, index, trace.sampleIndex, issued, completed[twin]!);
    if (neighbour === undefined) return;
    pairs++;
    const twinTogether = completed[sample] === completed[twin];
    const neighbourTogether = completed[neighbour] === completed[twin];
    if (twinTogether) together++;
    if (neighbourTogether) neighboursTogether++;
    if (twinTogether && !neighbourTogether) onlyTwin++;
    if (neighbourTogether && !twinTogether) onlyNeighbour++;
  });
  if (pairs < MIN_PAIRS) return undefined;
  const p = binomialUpperTail(onlyTwin, onlyTwin + onlyNeighbour, 0.5);
  return { pairs, together, neighboursTogether, p, coalesced: together / pairs >= TOGETHER_SHARE_LIMIT && p < SIGNIFICANCE };
}

function nextDistinctInFlight(order: Uint32Array, position: number, index: number, sampleIndex: Float64Array, issued: Float64Array, twinCompleted: number): number | undefined {
  for (let next = position + 1; next < order.length; next++) {
    const candidate = order[next]!;
    if (issued[candidate]! >= twinCompleted) return undefined;
    if (sampleIndex[candidate] !== index) return candidate;
  }
  return undefined;
}
