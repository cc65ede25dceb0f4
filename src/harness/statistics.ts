/**
 * Exact binomial tail probabilities for the harness's comparisons (spec harness.md §4.3, Appendix B), accurate for
 * trials up to 10^6 and beyond: small fair-coin tails are summed exactly in integers, everything else from
 * Catherine Loader's saddle-point binomial density ("Fast and accurate computation of binomial probabilities", 2000;
 * the algorithm of R's dbinom), whose relative error stays near machine precision where lgamma differences lose
 * digits (ln 10^6! ≈ 1.3e7 leaves only 9 correct digits after cancellation).
 */

/** Fair-coin tails with at most this many trials are summed exactly: 2^1000 still converts to a double. */
const EXACT_FAIR_COIN_TRIALS = 1000;
/** Summing stops once a term falls below this fraction of the sum; the terms then shrink faster than geometrically. */
const NEGLIGIBLE_TERM = 1e-20;
const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
/** Up to this n, ln n! is taken directly (n! is an exact double); beyond it the asymptotic series is exact to rounding. */
const SMALL_FACTORIAL_LIMIT = 15;

/**
 * One-sided exact McNemar test, p = Σ_{k=b}^{b+c} C(b+c, k) / 2^(b+c): the chance that a SUT no better than the
 * reference wins at least b of the b + c discordant samples. b = samples the SUT got right and the reference wrong,
 * c = the reverse. Small p means the SUT is better than the reference, which a faithful run of the same model cannot be.
 */
export function mcnemarExactOneSided(sutOnlyCorrect: number, referenceOnlyCorrect: number): number {
  assertCount('b', sutOnlyCorrect);
  assertCount('c', referenceOnlyCorrect);
  return binomialUpperTail(sutOnlyCorrect, sutOnlyCorrect + referenceOnlyCorrect, 0.5);
}

/** P[X ≥ successes] for X ~ Binomial(trials, probability); 1 when successes ≤ 0 (no evidence against the null). */
export function binomialUpperTail(successes: number, trials: number, probability: number): number {
  assertCount('trials', trials);
  if (!Number.isInteger(successes)) throw new RangeError(`successes must be an integer, got ${successes}`);
  if (!(probability >= 0 && probability <= 1)) throw new RangeError(`probability must be in [0, 1], got ${probability}`);
  if (successes <= 0) return 1;
  if (successes > trials) return 0;
  if (probability === 0) return 0;
  if (probability === 1) return 1;
  if (probability === 0.5 && trials <= EXACT_FAIR_COIN_TRIALS) return exactFairCoinUpperTail(successes, trials);
  // Sum away from the mode so that every term is smaller than the last; below the mode, the upper tail is the
  // complement of a lower tail summed the same way (it is then at least about one half, so nothing cancels).
  const mode = Math.floor((trials + 1) * probability);
  if (successes >= mode) return sumTerms(successes, trials, probability, +1);
  return Math.max(0, 1 - sumTerms(successes - 1, trials, probability, -1));
}

function assertCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
}

/** Σ_{k=successes}^{trials} C(trials, k) / 2^trials, correctly rounded. */
function exactFairCoinUpperTail(successes: number, trials: number): number {
  let coefficient = 1n; // C(trials, k), walked from k = 0
  let tail = 0n;
  for (let k = 0; k < trials; k++) {
    if (k >= successes) tail += coefficient;
    coefficient = (coefficient * BigInt(trials - k)) / BigInt(k + 1);
  }
  tail += coefficient; // k = trials
  // Dividing by a power of two is exact for the normal doubles this range yields.
  return Number(tail) / 2 ** trials;
}

/** Σ P[X = k] from k = start stepping by `step` (±1) to the end of the support, all terms decreasing. */
function sumTerms(start: number, trials: number, probability: number, step: 1 | -1): number {
  const odds = probability / (1 - probability);
  let term = binomialProbability(start, trials, probability);
  let sum = 0;
  for (let k = start; k >= 0 && k <= trials && term > 0; k += step) {
    sum += term;
    if (term < sum * NEGLIGIBLE_TERM) break;
    // P[k+1] / P[k] = (n − k) / (k + 1) · p / (1 − p)
    term *= step === 1 ? ((trials - k) / (k + 1)) * odds : (k / (trials - k + 1)) / odds;
  }
  return sum;
}

/** P[X = k] by Loader's saddle-point expansion (R's dbinom_raw), accurate to a few ulps for any n. */
function binomialProbability(k: number, trials: number, probability: number): number {
  const complement = 1 - probability;
  if (k === 0) {
    return Math.exp(probability < 0.1 ? -deviance(trials, trials * complement) - trials * probability : trials * Math.log(complement));
  }
  if (k === trials) {
    return Math.exp(complement < 0.1 ? -deviance(trials, trials * probability) - trials * complement : trials * Math.log(probability));
  }
  const logCore =
    stirlingError(trials) - stirlingError(k) - stirlingError(trials - k) - deviance(k, trials * probability) - deviance(trials - k, trials * complement);
  // ln(2π k (n − k) / n); R's log1p(−k/n) would lose digits as k nears n, n − k is exact
  const logScale = Math.log(2 * Math.PI) + Math.log(k) + Math.log(trials - k) - Math.log(trials);
  return Math.exp(logCore - 0.5 * logScale);
}

/** ln n! − ln(√(2πn) (n/e)^n), for integers n ≥ 1. */
function stirlingError(n: number): number {
  if (n <= SMALL_FACTORIAL_LIMIT) {
    let factorial = 1;
    for (let i = 2; i <= n; i++) factorial *= i;
    return Math.log(factorial) - LN_SQRT_2PI - (n + 0.5) * Math.log(n) + n;
  }
  // Asymptotic series 1/(12n) − 1/(360n³) + 1/(1260n⁵) − 1/(1680n⁷) + 1/(1188n⁹), truncated where its terms vanish.
  const inverseSquare = 1 / (n * n);
  if (n > 500) return (1 / 12 - inverseSquare / 360) / n;
  if (n > 80) return (1 / 12 - (1 / 360 - inverseSquare / 1260) * inverseSquare) / n;
  if (n > 35) return (1 / 12 - (1 / 360 - (1 / 1260 - inverseSquare / 1680) * inverseSquare) * inverseSquare) / n;
  return (1 / 12 - (1 / 360 - (1 / 1260 - (1 / 1680 - inverseSquare / 1188) * inverseSquare) * inverseSquare) * inverseSquare) / n;
}

/** x ln(x / mean) + mean − x without the cancellation of the direct formula when x ≈ mean. */
function deviance(x: number, mean: number): number {
  if (Math.abs(x - mean) >= 0.1 * (x + mean)) return x * Math.log(x / mean) + mean - x;
  // Series in v = (x − mean) / (x + mean): 2x Σ v^(2j+1) / (2j + 1) − (x − mean)
  let ratio = (x - mean) / (x + mean);
  let sum = (x - mean) * ratio;
  let power = 2 * x * ratio;
  ratio *= ratio;
  for (let j = 1; j < 1000; j++) {
    power *= ratio;
    const next = sum + power / (2 * j + 1);
    if (next === sum) return next;
    sum = next;
  }
  return sum;
}

/**
 * One-sided Mann-Whitney U test that `smaller` tends to be below `larger`: the normal approximation with a tie
 * correction, good for the hundreds to millions of values a trace gives (below about 20 a side it is only indicative).
 * Returns the probability of a U at least this small if both came from one distribution.
 */
export function mannWhitneyLowerTail(smaller: ArrayLike<number>, larger: ArrayLike<number>): number {
  const n1 = smaller.length;
  const n2 = larger.length;
  if (n1 === 0 || n2 === 0) return 1;
  const values = new Float64Array(n1 + n2);
  const fromSmaller = new Uint8Array(n1 + n2);
  for (let i = 0; i < n1; i++) {
    values[i] = smaller[i]!;
    fromSmaller[i] = 1;
  }
  for (let i = 0; i < n2; i++) values[n1 + i] = larger[i]!;
  const order = Uint32Array.from(values.keys()).sort((a, b) => values[a]! - values[b]!);
  let rankSum = 0;
  let tieTerm = 0;
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && values[order[end]!] === values[order[start]!]) end++;
    const midRank = (start + 1 + end) / 2;
    for (let i = start; i < end; i++) if (fromSmaller[order[i]!] === 1) rankSum += midRank;
    const ties = end - start;
    tieTerm += ties ** 3 - ties;
    start = end;
  }
  const u = rankSum - (n1 * (n1 + 1)) / 2;
  const total = n1 + n2;
  const variance = ((n1 * n2) / 12) * (total + 1 - tieTerm / (total * (total - 1)));
  if (variance <= 0) return 1;
  // Continuity correction towards the null.
  return normalLowerTail((u + 0.5 - (n1 * n2) / 2) / Math.sqrt(variance));
}

/** Φ(z), from the complementary error function (relative error below 1.2e-7 everywhere, enough for p-value thresholds). */
export function normalLowerTail(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** erfc by the Chebyshev-fitted exponential of Numerical Recipes (2nd ed., §6.2), |relative error| < 1.2e-7. */
function erfc(x: number): number {
  const t = 1 / (1 + 0.5 * Math.abs(x));
  const poly =
    -x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const tail = t * Math.exp(poly);
  return x >= 0 ? tail : 2 - tail;
}
