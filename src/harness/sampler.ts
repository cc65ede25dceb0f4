import { createHash } from 'node:crypto';

export interface SampleRankingInput {
  /** The harness seed, published after the submission deadline so that the submitter cannot predict the choice. */
  readonly seed: string;
  /** The benchmark (model) name, so that one seed draws unrelated samples for each benchmark. */
  readonly benchmark: string;
  /** The distinct qsl_idx values the accuracy-mode log answered: only these can be re-run and compared. */
  readonly population: Iterable<number>;
  /** The qsl_idx values of the TEST01 performance-mode log, the only evidence of what the SUT returned when timed. */
  readonly priority?: Iterable<number>;
}

/**
 * Orders the samples the harness re-runs (spec harness.md §4.2); the caller takes the first k its budget allows.
 * Priority indices that are also in the population come first, then the rest of the population; each group is
 * ordered by sha256(`${seed}|${benchmark}|${qslIdx}`), so the order depends neither on log order nor on a PRNG port,
 * and anyone can recompute it. A priority index outside the population is dropped: without an accuracy-mode response
 * there is nothing to compare the reference's answer with.
 */
export function rankSamples({ seed, benchmark, population, priority = [] }: SampleRankingInput): number[] {
  const remaining = new Set<number>();
  for (const qslIdx of population) remaining.add(assertQslIdx(qslIdx));
  const prioritised = new Set<number>();
  for (const qslIdx of priority) {
    if (remaining.delete(assertQslIdx(qslIdx))) prioritised.add(qslIdx);
  }
  const byKey = (indices: Set<number>): number[] =>
    [...indices]
      .map((qslIdx) => ({ qslIdx, key: sampleRankKey(seed, benchmark, qslIdx) }))
      .sort((left, right) => (left.key < right.key ? -1 : left.key > right.key ? 1 : left.qslIdx - right.qslIdx))
      .map(({ qslIdx }) => qslIdx);
  return [...byKey(prioritised), ...byKey(remaining)];
}

/** The lower-case hex SHA-256 a sample is ranked by; equal-length hex strings order as the numbers they spell. */
export function sampleRankKey(seed: string, benchmark: string, qslIdx: number): string {
  return createHash('sha256').update(`${seed}|${benchmark}|${qslIdx}`).digest('hex');
}

function assertQslIdx(qslIdx: number): number {
  if (!Number.isSafeInteger(qslIdx) || qslIdx < 0) throw new RangeError(`a qsl_idx must be a non-negative integer, got ${qslIdx}`);
  return qslIdx;
}
