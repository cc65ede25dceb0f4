/**
 * LoadGen's choice of the performance-mode responses it writes to mlperf_log_accuracy.json (TEST01), reproduced
 * bit for bit as a Linux (libstdc++) build of LoadGen makes it:
 *
 * - `offset` is one `std::uniform_real_distribution<double>(0, 1)` draw from `std::mt19937(accuracy_log_rng_seed)`;
 *   mt19937 reduces its seed modulo 2^32, so only the seed's low 32 bits matter.
 * - Every generated sample takes one draw `u` from a second mt19937 when LoadGen builds its queries, in sequence-id
 *   order. `SequenceGen::InitAccLogRng` is never called, so that generator keeps its default seed 5489: draw i
 *   belongs to `seq_id` i, whatever the settings.
 * - The sample is logged iff `v <= p`, with `v = u + offset`, less 1 when that reaches 1, and
 *   `p = accuracy_log_sampling_target / expected_queries` (or `accuracy_log_probability` without a target).
 *
 * A Windows (MSVC) build draws its doubles differently and selects other samples.
 */

const STATE_WORDS = 624;
const SHIFT_WORDS = 397;
// The state is kept as Int32Array words, and these masks as int32, so the JIT keeps every step in 32-bit integer
// registers: unsigned words above 2^31 would become doubles and make the scan about 70 % slower.
const MATRIX_A = 0x9908b0df | 0;
const UPPER_MASK = 0x80000000 | 0;
const LOWER_MASK = 0x7fffffff;
const INIT_MULTIPLIER = 1812433253;
/** The seed of a default-constructed std::mt19937. */
export const MT19937_DEFAULT_SEED = 5489;
const TWO_POW_32 = 2 ** 32;
const TWO_POW_64 = 2 ** 64;
/** std::nextafter(1.0, 0.0): where libstdc++'s generate_canonical clamps a result that rounded up to 1. */
const LARGEST_BELOW_ONE = 1 - 2 ** -53;

/** The tempered output of a state word, as an int32 (its unsigned value is `temper(word) >>> 0`). */
function temper(word: number): number {
  let y = word;
  y ^= y >>> 11;
  y ^= (y << 7) & 0x9d2c5680;
  y ^= (y << 15) & 0xefc60000;
  return y ^ (y >>> 18);
}

/**
 * Advances a Mersenne Twister state by one block of 624 words, in place (libstdc++'s _M_gen_rand). The matrix is
 * applied without a branch (`-(bit) & A`): a random branch costs more than the rest of the loop.
 */
function twist(state: Int32Array): void {
  let position = 0;
  for (; position < STATE_WORDS - SHIFT_WORDS; position++) {
    const mixed = ((state[position] as number) & UPPER_MASK) | ((state[position + 1] as number) & LOWER_MASK);
    state[position] = (state[position + SHIFT_WORDS] as number) ^ (mixed >>> 1) ^ (-(mixed & 1) & MATRIX_A);
  }
  for (; position < STATE_WORDS - 1; position++) {
    const mixed = ((state[position] as number) & UPPER_MASK) | ((state[position + 1] as number) & LOWER_MASK);
    state[position] = (state[position + SHIFT_WORDS - STATE_WORDS] as number) ^ (mixed >>> 1) ^ (-(mixed & 1) & MATRIX_A);
  }
  const mixed = ((state[STATE_WORDS - 1] as number) & UPPER_MASK) | ((state[0] as number) & LOWER_MASK);
  state[STATE_WORDS - 1] = (state[SHIFT_WORDS - 1] as number) ^ (mixed >>> 1) ^ (-(mixed & 1) & MATRIX_A);
}

/** The initial state of std::mt19937 for a seed, reduced modulo 2^32 (its result_type is 64 bits wide on Linux). */
function seededState(seed: bigint | number): Int32Array {
  const state = new Int32Array(STATE_WORDS);
  state[0] = Number(BigInt.asIntN(32, BigInt(seed)));
  for (let position = 1; position < STATE_WORDS; position++) {
    const previous = state[position - 1] as number;
    state[position] = (Math.imul(INIT_MULTIPLIER, previous ^ (previous >>> 30)) + position) | 0;
  }
  return state;
}

/** std::mt19937: the 32-bit Mersenne Twister with the standard's parameters. */
export class Mt19937 {
  readonly #state: Int32Array;
  #index = STATE_WORDS;

  constructor(seed: bigint | number = MT19937_DEFAULT_SEED) {
    this.#state = seededState(seed);
  }

  /** The next 32-bit output, as an unsigned integer. */
  next(): number {
    if (this.#index >= STATE_WORDS) {
      twist(this.#state);
      this.#index = 0;
    }
    return temper(this.#state[this.#index++] as number) >>> 0;
  }
}

/**
 * libstdc++'s `generate_canonical<double, 53>` on an mt19937, which `uniform_real_distribution<double>(0, 1)` returns
 * as is: two words, `(first + second * 2^32) / 2^64` in double arithmetic, clamped below 1.
 */
export function canonicalFromWords(first: number, second: number): number {
  const value = (first + second * TWO_POW_32) / TWO_POW_64;
  return value >= 1 ? LARGEST_BELOW_ONE : value;
}

export function uniformDouble(generator: Mt19937): number {
  const first = generator.next();
  return canonicalFromWords(first, generator.next());
}

/** The offset LoadGen adds to every sample's draw: one draw from mt19937(accuracy_log_rng_seed). */
export function accuracyLogOffset(seed: bigint): number {
  return uniformDouble(new Mt19937(seed));
}

/** A sample's draw shifted by the offset, wrapped into [0, 1) as LoadGen's ResponseDelegate computes it. */
export function shiftedDraw(draw: number, offset: number): number {
  return draw + offset < 1 ? draw + offset : draw + offset - 1;
}

/** The logging threshold, exact (`low === high`) or bounded where the log printed its inputs rounded. */
export interface Threshold {
  readonly low: number;
  readonly high: number;
}

/** How LoadGen's accuracy sampling went for one seq_id: logged, not logged, or either (rounded inputs). */
export type SampleFate = 'logged' | 'skipped' | 'either';

/** A sample the threshold may select: surely (`logged`), or only for some of the values the rounded inputs allow. */
export interface SelectedSample {
  readonly seqId: number;
  readonly fate: 'logged' | 'either';
}

/**
 * The shifted draws small enough to matter, of one offset, kept across audits: every TEST01 run uses the same seed,
 * and the per-sample generator is always seeded 5489, so one scan serves every result. Near seq_id n, draws up to
 * CACHE_SPAN / n are kept, which covers any run whose threshold p and sample count N have p * N <= CACHE_SPAN (TEST01
 * runs have about p * N = sampling target <= 4096) with about CACHE_SPAN * ln(N) entries.
 */
const CACHE_SPAN = 32768;
const DRAWS_PER_BLOCK = STATE_WORDS / 2;

class DrawScan {
  readonly #offset: number;
  readonly #state = seededState(MT19937_DEFAULT_SEED);
  #scanned = 0;
  #seqIds: Float64Array = new Float64Array(1024);
  #values: Float64Array = new Float64Array(1024);
  #kept = 0;

  constructor(offset: number) {
    this.#offset = offset;
  }

  /** Whether the kept draws decide every sample below `sampleCount` for thresholds up to `high`. */
  covers(high: number, sampleCount: number): boolean {
    return high * sampleCount <= CACHE_SPAN;
  }

  select(threshold: Threshold, sampleCount: number): SelectedSample[] {
    if (this.#scanned < sampleCount) this.#scanTo(sampleCount);
    const selected: SelectedSample[] = [];
    for (let entry = 0; entry < this.#kept && (this.#seqIds[entry] as number) < sampleCount; entry++) {
      const fate = fateOf(this.#values[entry] as number, threshold);
      if (fate !== 'skipped') selected.push({ seqId: this.#seqIds[entry] as number, fate });
    }
    return selected;
  }

  // One loop over the blocks with the state in a local: a method call per block, reading the private fields each
  // time, made the scan 60 % slower.
  #scanTo(sampleCount: number): void {
    const state = this.#state;
    const offset = this.#offset;
    const keep = (seqId: number, value: number): void => this.#keep(seqId, value);
    let blockStart = this.#scanned;
    for (; blockStart < sampleCount; blockStart += DRAWS_PER_BLOCK) {
      twist(state);
      const start = blockStart;
      scanBlock(state, offset, Math.min(1, CACHE_SPAN / Math.max(1, start)), DRAWS_PER_BLOCK, (draw, value) => keep(start + draw, value));
    }
    this.#scanned = blockStart;
  }

  #keep(seqId: number, value: number): void {
    if (this.#kept === this.#seqIds.length) {
      this.#seqIds = grown(this.#seqIds);
      this.#values = grown(this.#values);
    }
    this.#seqIds[this.#kept] = seqId;
    this.#values[this.#kept++] = value;
  }
}

function grown(values: Float64Array): Float64Array {
  const larger = new Float64Array(values.length * 2);
  larger.set(values);
  return larger;
}

function fateOf(value: number, threshold: Threshold): SampleFate {
  if (value <= threshold.low) return 'logged';
  return value <= threshold.high ? 'either' : 'skipped';
}

/**
 * Visits the draws of one block of 624 state words (312 draws) whose shifted value is at most `high`. Only the second
 * word of each draw is tempered until it falls near the logging window: v <= p holds for u in [1 - offset,
 * 1 - offset + p] on the circle [0, 1), which in units of the second word (2^-32) is an arc starting near
 * (1 - offset) * 2^32, widened here by two units on each side for rounding.
 */
function scanBlock(state: Int32Array, offset: number, high: number, draws: number, visit: (draw: number, value: number) => void): void {
  const arcStart = ((Math.floor((1 - offset) * TWO_POW_32) - 2 + TWO_POW_32) % TWO_POW_32) | 0;
  const arcLength = Math.min(TWO_POW_32 - 1, Math.ceil(high * TWO_POW_32) + 4);
  for (let draw = 0; draw < draws; draw++) {
    const second = temper(state[2 * draw + 1] as number);
    if ((second - arcStart) >>> 0 > arcLength) continue;
    const value = shiftedDraw(canonicalFromWords(temper(state[2 * draw] as number) >>> 0, second >>> 0), offset);
    if (value <= high) visit(draw, value);
  }
}

const scans = new Map<number, DrawScan>();

/**
 * The most samples whose selection is re-drawn without `--exhaustive`: each costs one draw of mt19937, about 14 ns
 * on a 2020s server core, so 64 million take about a second; a long Offline run issues several hundred million.
 */
export const SELECTION_DRAW_BUDGET = 64_000_000;

/**
 * The samples among the first `sampleCount` that LoadGen logs (or may log, where the threshold is a range), in
 * seq_id order. Scans of the usual TEST01 shape are shared across calls.
 */
export function selectedSamples(offset: number, threshold: Threshold, sampleCount: number): SelectedSample[] {
  let scan = scans.get(offset);
  if (scan === undefined) {
    scan = new DrawScan(offset);
    scans.set(offset, scan);
  }
  if (scan.covers(threshold.high, sampleCount)) return scan.select(threshold, sampleCount);
  const selected: SelectedSample[] = [];
  const state = seededState(MT19937_DEFAULT_SEED);
  for (let blockStart = 0; blockStart < sampleCount; blockStart += DRAWS_PER_BLOCK) {
    twist(state);
    scanBlock(state, offset, threshold.high, Math.min(DRAWS_PER_BLOCK, sampleCount - blockStart), (draw, value) => {
      const fate = fateOf(value, threshold);
      if (fate !== 'skipped') selected.push({ seqId: blockStart + draw, fate });
    });
  }
  return selected;
}

/** The effective_* settings of a performance run that decide the logging threshold. */
export interface SamplingSettings {
  readonly offline: boolean;
  /** effective_target_qps, bounded where the log printed it rounded. */
  readonly targetQps: Threshold;
  readonly minDurationMs: number;
  readonly samplesPerQuery: number;
  readonly minQueryCount: number;
  readonly minSampleCount: number;
  readonly samplingTarget: number;
  /** effective_accuracy_log_probability, used when there is no sampling target. */
  readonly probability: Threshold;
}

/** LoadGen's expected_queries for one target QPS: `(uint64)(qps * min_duration_ms / 1000)`, scaled and floored. */
export function expectedQueries(settings: SamplingSettings, targetQps: number): number {
  let expected = Math.trunc((targetQps * settings.minDurationMs) / 1000);
  let minimum = settings.minQueryCount * settings.samplesPerQuery;
  if (settings.offline) minimum = settings.minSampleCount;
  else expected *= settings.samplesPerQuery;
  return Math.max(expected, minimum);
}

/** The probability a sample's shifted draw is compared with; expected_queries grows with the QPS, p shrinks. */
export function loggingThreshold(settings: SamplingSettings): Threshold {
  if (settings.samplingTarget <= 0) return settings.probability;
  const fewest = expectedQueries(settings, settings.targetQps.low);
  const most = expectedQueries(settings, settings.targetQps.high);
  return { low: settings.samplingTarget / most, high: settings.samplingTarget / fewest };
}

/**
 * The values a double LoadGen printed with `operator<<` (6 significant digits, trailing zeros dropped) may have had:
 * the printed value give or take half a unit in its sixth digit. `25150` may have been 25150.04.
 */
export function printedRange(printed: number): Threshold {
  if (!Number.isFinite(printed) || printed === 0) return { low: printed, high: printed };
  const exponent = Number(printed.toExponential().split('e')[1]);
  const halfUnit = 0.5 * 10 ** (exponent - 5);
  return { low: printed - halfUnit, high: printed + halfUnit };
}
