import type { SpanLogits } from '../decoders.ts';
import { comparisonResult, formatExamples, formatNumber, formatPercent, nothingCompared } from './findings.ts';
import type { ComparisonFinding, ComparisonResult } from './types.ts';

/** One re-run feature: the logits the accuracy log holds and the reference model's. */
export interface QuestionAnsweringSample {
  readonly qslIdx: number;
  readonly logged: SpanLogits;
  readonly reference: SpanLogits;
  /**
   * The feature's token count, from the eval features when the harness has them: positions beyond it are padding,
   * whose logits mean nothing and are never an answer. Without it, all positions both responses carry count.
   */
  readonly tokenCount?: number;
}

export interface QuestionAnsweringTolerances {
  /** Every sample's cosine similarity of (start ‖ end) logits must reach this. */
  readonly minCosine: number;
  /** At least this share of samples must have the reference's best span. */
  readonly spanAgreement: number;
}

/** Spec harness.md §4.3. */
export const DEFAULT_QUESTION_ANSWERING_TOLERANCES: QuestionAnsweringTolerances = { minCosine: 0.99, spanAgreement: 0.95 };

/** accuracy-squad.py's post-processing: the n_best start and end positions, answers of at most 30 tokens. */
export const SQUAD_SPAN_SEARCH = { nBest: 20, maxAnswerLength: 30 } as const;

export type QuestionAnsweringCheck = 'cosine' | 'span';

/** Token positions of an answer, both inclusive. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * The answer span accuracy-squad.py's write_predictions would pick, before mapping it to text: among the n_best
 * highest start and end logits (over all positions, ties in position order), the pair with start ≤ end < limit and at
 * most maxAnswerLength tokens with the highest start + end logit, the first such pair on ties. Undefined when no pair
 * qualifies (accuracy-squad.py then answers "empty"). Without eval features, every position below `limit` counts as
 * context; the script also skips question tokens and positions whose token has more context in another feature.
 */
export function bestSpan(
  logits: SpanLogits,
  limit = logits.start.length,
  search: { readonly nBest: number; readonly maxAnswerLength: number } = SQUAD_SPAN_SEARCH,
): Span | undefined {
  const ends = topPositions(logits.end, search.nBest);
  let best: (Span & { readonly score: number }) | undefined;
  for (const start of topPositions(logits.start, search.nBest)) {
    for (const end of ends) {
      if (start >= limit || end >= limit || end < start || end - start + 1 > search.maxAnswerLength) continue;
      const score = (logits.start[start] ?? 0) + (logits.end[end] ?? 0);
      if (best === undefined || score > best.score) best = { start, end, score };
    }
  }
  return best === undefined ? undefined : { start: best.start, end: best.end };
}

/** The positions of the n highest logits, highest first; a stable sort keeps ties in position order, as Python's does. */
function topPositions(logits: readonly number[], count: number): number[] {
  return logits
    .map((logit, position) => ({ logit, position }))
    .sort((left, right) => right.logit - left.logit)
    .slice(0, count)
    .map(({ position }) => position);
}

/** Cosine similarity of (start ‖ end) logits over the first `positions` positions; 1 for two zero vectors. */
export function logitCosine(first: SpanLogits, second: SpanLogits, positions: number): number {
  let dot = 0;
  let firstNorm = 0;
  let secondNorm = 0;
  for (const side of ['start', 'end'] as const) {
    for (let position = 0; position < positions; position++) {
      const a = first[side][position] ?? 0;
      const b = second[side][position] ?? 0;
      dot += a * b;
      firstNorm += a * a;
      secondNorm += b * b;
    }
  }
  if (firstNorm === 0 || secondNorm === 0) return firstNorm === secondNorm ? 1 : 0;
  return dot / Math.sqrt(firstNorm * secondNorm);
}

/** Checks the logged logits of the re-run features against the reference model's. */
export function compareQuestionAnswering(
  samples: readonly QuestionAnsweringSample[],
  tolerances: QuestionAnsweringTolerances = DEFAULT_QUESTION_ANSWERING_TOLERANCES,
): ComparisonResult<QuestionAnsweringCheck> {
  if (samples.length === 0) return nothingCompared('question-answering', 'cosine');
  const compared = samples.map(({ qslIdx, logged, reference, tokenCount }) => {
    const limit = tokenCount ?? Math.min(logged.positions, reference.positions);
    const loggedSpan = bestSpan(logged, limit);
    const referenceSpan = bestSpan(reference, limit);
    return {
      qslIdx,
      cosine: logitCosine(logged, reference, Math.min(limit, logged.positions, reference.positions)),
      sameSpan: loggedSpan?.start === referenceSpan?.start && loggedSpan?.end === referenceSpan?.end,
      loggedSpan,
      referenceSpan,
    };
  });
  return comparisonResult('question-answering', samples.length, [cosineFinding(compared, tolerances.minCosine), spanFinding(compared, tolerances.spanAgreement)]);
}

interface ComparedSample {
  readonly qslIdx: number;
  readonly cosine: number;
  readonly sameSpan: boolean;
  readonly loggedSpan: Span | undefined;
  readonly referenceSpan: Span | undefined;
}

function cosineFinding(compared: readonly ComparedSample[], threshold: number): ComparisonFinding<QuestionAnsweringCheck> {
  const below = compared.filter((sample) => !(sample.cosine >= threshold)).sort((left, right) => left.cosine - right.cosine);
  const cosines = compared.map((sample) => sample.cosine);
  const lowest = Math.min(...cosines);
  const reached = compared.length - below.length;
  const detail = below.length === 0 ? '' : ` (lowest first, qsl_idx ${formatExamples(below.map((sample) => `${sample.qslIdx}: ${formatNumber(sample.cosine)}`))})`;
  return {
    check: 'cosine',
    status: below.length === 0 ? 'pass' : 'fail',
    message:
      `the cosine similarity of the logged and reference (start ‖ end) logits reaches ${threshold} on ${reached} of ${compared.length} ` +
      `samples, every one required; lowest ${formatNumber(lowest)}${detail}`,
    evidence: { samples: compared.length, samplesBelow: below.length, lowestCosine: lowest, meanCosine: cosines.reduce((sum, cosine) => sum + cosine, 0) / cosines.length, threshold },
  };
}

function spanFinding(compared: readonly ComparedSample[], threshold: number): ComparisonFinding<QuestionAnsweringCheck> {
  const differing = compared.filter((sample) => !sample.sameSpan);
  const same = compared.length - differing.length;
  const agreement = same / compared.length;
  const status = agreement >= threshold ? 'pass' : 'fail';
  const spanText = (span: Span | undefined): string => (span === undefined ? 'none' : `${span.start}–${span.end}`);
  const detail =
    differing.length === 0
      ? ''
      : `; differs on qsl_idx ${formatExamples(differing.map((sample) => `${sample.qslIdx} (logged ${spanText(sample.loggedSpan)}, reference ${spanText(sample.referenceSpan)})`))}`;
  return {
    check: 'span',
    status,
    message:
      `the best answer span (n_best ${SQUAD_SPAN_SEARCH.nBest}, max_answer_length ${SQUAD_SPAN_SEARCH.maxAnswerLength}) is the reference model's on ` +
      `${same} of ${compared.length} samples (${formatPercent(same, compared.length)}), ${status === 'pass' ? 'at least' : 'below'} the ` +
      `${formatPercent(threshold, 1)} required${detail}`,
    evidence: { samples: compared.length, sameSpan: same, agreement, threshold },
  };
}
