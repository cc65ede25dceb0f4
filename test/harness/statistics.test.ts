import { describe, expect, it } from 'vitest';
import { binomialUpperTail, mannWhitneyLowerTail, mcnemarExactOneSided, normalLowerTail } from '../../src/harness/statistics.ts';

/*
 * Reference values computed once with Python 3.11 and hard-coded here:
 * - "exact": float(Σ_{k≥s} math.comb(n, k) · p^k · (1−p)^(n−k)) in fractions.Fraction, p taken as the exact double;
 * - "mpmath": 50-digit mpmath summation of exp(loggamma…) terms from s outward (1 − the lower tail below the mean)
 *   until a term falls below 1e-45 of the sum. Both agree on every case where both were feasible.
 */

/** Relative error allowed against the 50-digit values: far below anything a verdict could hinge on. */
const RELATIVE_TOLERANCE = 1e-12;

function expectClose(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.abs(expected) * RELATIVE_TOLERANCE);
}

describe('mcnemarExactOneSided', () => {
  it('reproduces the spec demo: b = 42, c = 0 gives 2.3e-13 (2^-42) and honest INT8 b = 1, c = 0 gives 0.5', () => {
    expect(mcnemarExactOneSided(42, 0)).toBe(2 ** -42);
    expect(mcnemarExactOneSided(42, 0).toPrecision(2)).toBe('2.3e-13');
    expect(mcnemarExactOneSided(1, 0)).toBe(0.5);
  });

  it('is exact (correctly rounded) for small discordant counts', () => {
    // exact Fraction sums
    const cases: [number, number, number][] = [
      [10, 3, 0.046142578125],
      [3, 10, 0.98876953125],
      [30, 12, 0.003957948667448363],
      [500, 450, 0.055919322570789395],
      [5, 0, 0.03125],
      [7, 7, 0.604736328125],
    ];
    for (const [b, c, expected] of cases) expect(mcnemarExactOneSided(b, c)).toBe(expected);
  });

  it('stays accurate beyond the exact range, up to a million discordant samples', () => {
    // mpmath
    const cases: [number, number, number][] = [
      [600, 500, 0.0014097724957182138],
      [2100, 1900, 0.0008246331875678499],
      [500_500, 499_500, 0.15889734568165276],
      [501_500, 498_500, 0.0013543276530298784],
      [503_000, 497_000, 9.925748819615104e-10],
    ];
    for (const [b, c, expected] of cases) expectClose(mcnemarExactOneSided(b, c), expected);
  });

  it('returns 1 when there is no evidence that the SUT is better', () => {
    expect(mcnemarExactOneSided(0, 0)).toBe(1);
    expect(mcnemarExactOneSided(0, 5)).toBe(1);
  });

  it('underflows to 0 only where the true value is below the smallest double', () => {
    expect(mcnemarExactOneSided(520_000, 480_000)).toBe(0); // about 40 standard deviations: ~1e-350
    expect(mcnemarExactOneSided(1000, 0)).toBe(2 ** -1000);
  });

  it('rejects counts that are not non-negative integers', () => {
    expect(() => mcnemarExactOneSided(-1, 0)).toThrow(RangeError);
    expect(() => mcnemarExactOneSided(1.5, 0)).toThrow(/b must be a non-negative integer, got 1.5/);
    expect(() => mcnemarExactOneSided(0, Number.NaN)).toThrow(/c must be/);
  });
});

describe('binomialUpperTail', () => {
  it('matches exact sums for small trial counts', () => {
    // exact Fraction sums
    const cases: [number, number, number, number][] = [
      [5, 10, 0.3, 0.15026833259999997],
      [480, 500, 0.9, 4.5574808063318123e-7],
      [1, 100, 0.01, 0.6339676587267705],
      [3, 100, 0.01, 0.07937320225218034],
      [10, 100, 0.01, 7.63158753226062e-8],
      [9, 10, 0.5, 0.0107421875],
      [2, 1000, 0.001, 0.2642410869698127],
      [390, 500, 0.76, 0.1599171074381857],
      [400, 500, 0.76, 0.01905843035379439],
      [300, 500, 0.76, 0.9999999999999991],
      [50, 200, 0.002, 3.806872278773762e-88],
    ];
    for (const [successes, trials, probability, expected] of cases) expectClose(binomialUpperTail(successes, trials, probability), expected);
  });

  it('is accurate for a million trials, in both tails and at extreme probabilities', () => {
    // mpmath
    const cases: [number, number, number, number][] = [
      [761_000, 1_000_000, 0.76, 0.009610820334144751],
      [762_000, 1_000_000, 0.76, 1.39283206599345e-6],
      [757_000, 1_000_000, 0.76, 0.9999999999988569],
      [770_000, 1_000_000, 0.76, 1.0807615344370178e-122],
      [999_990, 1_000_000, 0.99999, 0.5830397501997219],
      [5, 1_000_000, 1e-6, 0.0036598238349022697],
      [1_000_000, 1_000_000, 0.999999, 0.36787925722106646],
      [100, 1_000_000, 1e-4, 0.5133007914449275],
      [60, 1_000_000, 1e-4, 0.9999936639936334],
    ];
    for (const [successes, trials, probability, expected] of cases) expectClose(binomialUpperTail(successes, trials, probability), expected);
  });

  it('handles the edges of the support and of the probability', () => {
    expect(binomialUpperTail(0, 10, 0.3)).toBe(1);
    expect(binomialUpperTail(-3, 10, 0.3)).toBe(1);
    expect(binomialUpperTail(0, 0, 0.3)).toBe(1);
    expect(binomialUpperTail(11, 10, 0.3)).toBe(0);
    expect(binomialUpperTail(1, 10, 0)).toBe(0);
    expect(binomialUpperTail(10, 10, 1)).toBe(1);
    expectClose(binomialUpperTail(10, 10, 0.3), 0.3 ** 10);
  });

  it('is monotone in the number of successes', () => {
    let previous = 1;
    for (let successes = 0; successes <= 2000; successes += 7) {
      const tail = binomialUpperTail(successes, 2000, 0.76);
      expect(tail).toBeLessThanOrEqual(previous);
      previous = tail;
    }
  });

  it('rejects invalid arguments', () => {
    expect(() => binomialUpperTail(1, -1, 0.5)).toThrow(/trials must be a non-negative integer/);
    expect(() => binomialUpperTail(1.5, 10, 0.5)).toThrow(/successes must be an integer, got 1.5/);
    expect(() => binomialUpperTail(1, 10, 1.5)).toThrow(/probability must be in \[0, 1\], got 1.5/);
    expect(() => binomialUpperTail(1, 10, Number.NaN)).toThrow(RangeError);
  });
});

// Φ and the Mann-Whitney values below: Python's math.erfc (0.5·erfc(−z/√2)); the U statistics worked out by hand.
describe('normalLowerTail', () => {
  it('agrees with math.erfc to the approximation\'s 1.2e-7 relative error', () => {
    const cases: [number, number][] = [[-1.96, 0.024997895148220435], [-3.0902323061678132, 0.0010000000000000022], [-6, 9.865876450377012e-10], [2, 0.9772498680518208]];
    for (const [z, expected] of cases) expect(Math.abs(normalLowerTail(z) - expected)).toBeLessThanOrEqual(expected * 1.2e-7);
  });
});

describe('mannWhitneyLowerTail', () => {
  it('separated samples: U = 0 of 9, p = Φ((0.5 − 4.5)/√5.25)', () => {
    expect(mannWhitneyLowerTail([1, 2, 3], [4, 5, 6])).toBeCloseTo(0.04042779918502615, 6);
  });
  it('ties take mid-ranks and shrink the variance', () => {
    expect(mannWhitneyLowerTail([1, 2, 2], [2, 3, 4])).toBeCloseTo(0.08207986423925762, 6);
  });
  it('gives no evidence the other way round, or without data', () => {
    expect(mannWhitneyLowerTail([4, 5, 6], [1, 2, 3])).toBeGreaterThan(0.95);
    expect(mannWhitneyLowerTail([], [1])).toBe(1);
    expect(mannWhitneyLowerTail([2, 2], [2, 2])).toBe(1);
  });
});
