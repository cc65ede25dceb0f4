import { binomialUpperTail, mcnemarExactOneSided } from '../statistics.ts';
import { comparisonResult, formatExamples, formatPercent, formatProbability, nothingCompared } from './findings.ts';
import type { ComparisonFinding, ComparisonResult } from './types.ts';

/** One re-run sample: the dataset's label, the label the accuracy log holds, and the reference model's top-1. */
export interface ClassificationSample {
  readonly qslIdx: number;
  readonly truth: number;
  readonly logged: number;
  readonly reference: number;
}

export interface ClassificationTolerances {
  /** Agreement between logged and reference labels below this share draws a warning. */
  readonly agreementWarning: number;
  /** Below this share the logged answers are not those of an equivalent model: a failure. */
  readonly agreementFailure: number;
  /** McNemar p-values below this fail. */
  readonly mcnemarAlpha: number;
  /** Binomial p-values below this fail. */
  readonly binomialAlpha: number;
}

/**
 * Spec harness.md §4.3. Quantised SUTs agree with the FP32 reference on about 98–99 % of samples (§3.6), so 97 % is
 * a heuristic warning; below 90 % (ten times the disagreement of a quantised model) the answers are not the reference
 * model's, e.g. answers logged under the wrong samples. The alphas make a false alarm on an honest submission a
 * one-in-a-thousand event per test.
 */
export const DEFAULT_CLASSIFICATION_TOLERANCES: ClassificationTolerances = { agreementWarning: 0.97, agreementFailure: 0.9, mcnemarAlpha: 1e-3, binomialAlpha: 1e-3 };

export type ClassificationCheck = 'agreement' | 'mcnemar' | 'binomial';

interface ClassificationCounts {
  readonly samples: number;
  /** Logged label equals the reference's. */
  readonly agreements: number;
  readonly sutCorrect: number;
  readonly referenceCorrect: number;
  /** b: the SUT right and the reference wrong, with their qsl_idx. */
  readonly sutOnlyCorrect: readonly number[];
  /** c: the SUT wrong and the reference right. */
  readonly referenceOnlyCorrect: number;
}

/** Checks the logged labels of the re-run samples against the reference model and the ground truth. */
export function compareClassification(
  samples: readonly ClassificationSample[],
  tolerances: ClassificationTolerances = DEFAULT_CLASSIFICATION_TOLERANCES,
): ComparisonResult<ClassificationCheck> {
  if (samples.length === 0) return nothingCompared('classification', 'agreement');
  const counts = countOutcomes(samples);
  return comparisonResult('classification', samples.length, [
    agreementFinding(counts, tolerances),
    mcnemarFinding(counts, tolerances.mcnemarAlpha),
    binomialFinding(counts, tolerances.binomialAlpha),
  ]);
}

function countOutcomes(samples: readonly ClassificationSample[]): ClassificationCounts {
  let agreements = 0;
  let sutCorrect = 0;
  let referenceCorrect = 0;
  let referenceOnlyCorrect = 0;
  const sutOnlyCorrect: number[] = [];
  for (const { qslIdx, truth, logged, reference } of samples) {
    if (logged === reference) agreements++;
    if (logged === truth) sutCorrect++;
    if (reference === truth) referenceCorrect++;
    if (logged === truth && reference !== truth) sutOnlyCorrect.push(qslIdx);
    if (logged !== truth && reference === truth) referenceOnlyCorrect++;
  }
  return { samples: samples.length, agreements, sutCorrect, referenceCorrect, sutOnlyCorrect, referenceOnlyCorrect };
}

/**
 * Mildly low agreement may be an aggressive but legitimate approximation, so it only warns; agreement far below what
 * any equivalent model reaches fails.
 */
function agreementFinding({ samples, agreements }: ClassificationCounts, tolerances: ClassificationTolerances): ComparisonFinding<ClassificationCheck> {
  const agreement = agreements / samples;
  const status = agreement >= tolerances.agreementWarning ? 'pass' : agreement >= tolerances.agreementFailure ? 'warn' : 'fail';
  const threshold = status === 'fail' ? tolerances.agreementFailure : tolerances.agreementWarning;
  const comparison = status === 'pass' ? 'at least' : 'below';
  return {
    check: 'agreement',
    status,
    message: `the logged label equals the reference model's on ${agreements} of ${samples} samples (${formatPercent(agreements, samples)}), ${comparison} the ${formatPercent(threshold, 1)} expected of a faithful SUT`,
    evidence: { samples, agreements, agreement, threshold },
  };
}

/**
 * A faithful SUT (quantised, approximated) flips answers both ways, or mostly from right to wrong; a SUT or log that
 * "fixes" answers wins far more discordant samples than it loses (b ≫ c), which the exact test measures directly.
 */
function mcnemarFinding({ sutOnlyCorrect, referenceOnlyCorrect: c }: ClassificationCounts, alpha: number): ComparisonFinding<ClassificationCheck> {
  const b = sutOnlyCorrect.length;
  const pValue = mcnemarExactOneSided(b, c);
  const counts = `the SUT is right where the reference model is wrong on b = ${b} samples and wrong where it is right on c = ${c}`;
  const test = `one-sided exact McNemar p = ${formatProbability(pValue)}`;
  const evidence = { b, c, pValue, alpha };
  if (pValue >= alpha) return { check: 'mcnemar', status: 'pass', message: `${counts}: ${test} ≥ ${formatProbability(alpha)}`, evidence };
  return {
    check: 'mcnemar',
    status: 'fail',
    message:
      `${counts}: ${test} < ${formatProbability(alpha)}. A run of the reference model cannot beat it this consistently; ` +
      `the logged answers may have been corrected (SUT-only correct: qsl_idx ${formatExamples(sutOnlyCorrect)})`,
    evidence,
  };
}

/**
 * Spec harness.md §4.3 (c): is the SUT's accuracy on the sample plausible for a model as accurate as the reference?
 * Null hypothesis: each sampled answer of the SUT is right independently with probability π, the reference's accuracy
 * on the same samples; p = P[Binomial(k, π) ≥ SUT correct].
 * - It ignores the pairing, so while the SUT tracks the reference (b + c < k·π(1 − π), every faithful closed-division
 *   SUT) its null spread is wider than the real one and the test is conservative: it flags only an excess of accuracy
 *   the reference cannot explain even as an independent draw, a coarse bound next to McNemar's sharp paired test.
 * - π is estimated from the same k samples rather than known; for an unrelated model that understates the null spread
 *   (by up to √2), one more reason to read it next to McNemar rather than alone.
 * - π is floored at 1/k, the smallest accuracy k samples can resolve: a reference that got none right would otherwise
 *   make any correct SUT answer impossible under the null (p = 0).
 */
function binomialFinding({ samples, sutCorrect, referenceCorrect }: ClassificationCounts, alpha: number): ComparisonFinding<ClassificationCheck> {
  const nullAccuracy = Math.max(referenceCorrect, 1) / samples;
  const pValue = binomialUpperTail(sutCorrect, samples, nullAccuracy);
  const status = pValue < alpha ? 'fail' : 'pass';
  const message =
    `the SUT is right on ${sutCorrect} of ${samples} samples (${formatPercent(sutCorrect, samples)}), the reference model on ${referenceCorrect} ` +
    `(${formatPercent(referenceCorrect, samples)}): P[at least ${sutCorrect} of ${samples} at ${formatPercent(nullAccuracy, 1)}] = ` +
    `${formatProbability(pValue)} ${status === 'pass' ? '≥' : '<'} ${formatProbability(alpha)}`;
  return { check: 'binomial', status, message, evidence: { samples, sutCorrect, referenceCorrect, nullAccuracy, pValue, alpha } };
}
