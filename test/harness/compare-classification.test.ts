import { describe, expect, it } from 'vitest';
import { compareClassification, DEFAULT_CLASSIFICATION_TOLERANCES, type ClassificationSample } from '../../src/harness/compare/classification.ts';
import { formatProbability } from '../../src/harness/compare/findings.ts';
import type { ComparisonResult } from '../../src/harness/compare/types.ts';

const SAMPLES = 500;

/**
 * A reference model right on 416 of 500 samples: wrong (it answers truth + 1) on every sixth, 84 in all. The SUT logs
 * the reference's answers; `edit` changes the logged label of some samples.
 */
function run(edit: (sample: ClassificationSample, index: number) => number = (sample) => sample.logged): ClassificationSample[] {
  return Array.from({ length: SAMPLES }, (_, index) => {
    const truth = (index * 37) % 1000;
    const reference = index % 6 === 0 ? (truth + 1) % 1000 : truth;
    const sample = { qslIdx: 10_000 + index, truth, logged: reference, reference };
    return { ...sample, logged: edit(sample, index) };
  });
}

function finding<Check extends string>(result: ComparisonResult<Check>, check: Check) {
  const found = result.findings.find((candidate) => candidate.check === check);
  if (found === undefined) throw new Error(`no ${check} finding`);
  return found;
}

/** Relative closeness for p-values computed independently (Python fractions, math.comb). */
function expectRelativelyClose(actual: number | undefined, expected: number): void {
  expect(Math.abs((actual ?? Number.NaN) - expected)).toBeLessThanOrEqual(expected * 1e-9);
}

describe('compareClassification', () => {
  it('fails a log whose answers were logged under other samples: agreement far below any equivalent model', () => {
    const shifted = run((sample, index) => (index % 5 === 0 ? (sample.logged + 3) % 1000 : sample.logged));
    const agreement = finding(compareClassification(shifted), 'agreement');
    expect(agreement).toMatchObject({ status: 'fail', evidence: { samples: 500, agreements: 400, agreement: 0.8, threshold: 0.9 } });
    expect(agreement.message).toBe("the logged label equals the reference model's on 400 of 500 samples (80.0 %), below the 90.0 % expected of a faithful SUT");
  });

  it('fails a log whose wrong answers were half replaced by the ground truth (spec demo: b = 42, c = 0, p = 2.3e-13)', () => {
    let wrongSeen = 0;
    const cheated = run((sample) => (sample.logged !== sample.truth && wrongSeen++ % 2 === 0 ? sample.truth : sample.logged));
    const result = compareClassification(cheated);

    expect(result).toMatchObject({ task: 'classification', samples: 500, passed: false });
    expect(finding(result, 'mcnemar')).toEqual({
      check: 'mcnemar',
      status: 'fail',
      message:
        'the SUT is right where the reference model is wrong on b = 42 samples and wrong where it is right on c = 0: one-sided exact McNemar ' +
        'p = 2.3e-13 < 0.001. A run of the reference model cannot beat it this consistently; the logged answers may have been corrected ' +
        '(SUT-only correct: qsl_idx 10000, 10012, 10024, 10036, 10048, …)',
      evidence: { b: 42, c: 0, pValue: 2 ** -42, alpha: 0.001 },
    });
    // agreement alone is only a warning: 458 of 500
    expect(finding(result, 'agreement')).toMatchObject({ status: 'warn', evidence: { samples: 500, agreements: 458, agreement: 0.916, threshold: 0.97 } });
    expect(finding(result, 'agreement').message).toBe(
      "the logged label equals the reference model's on 458 of 500 samples (91.6 %), below the 97.0 % expected of a faithful SUT",
    );
    // P[Binomial(500, 416/500) ≥ 458] = 3.75059996509026e-08 (Python fractions)
    const binomial = finding(result, 'binomial');
    expect(binomial.status).toBe('fail');
    expect(binomial.evidence).toMatchObject({ samples: 500, sutCorrect: 458, referenceCorrect: 416, nullAccuracy: 0.832, alpha: 0.001 });
    expectRelativelyClose(binomial.evidence.pValue, 3.75059996509026e-8);
    expect(binomial.message).toBe('the SUT is right on 458 of 500 samples (91.6 %), the reference model on 416 (83.2 %): P[at least 458 of 500 at 83.2 %] = 3.8e-8 < 0.001');
  });

  it('passes an honest INT8-like run (spec demo: b = 1, c = 0, p = 0.5)', () => {
    // One flip to the right answer, four flips from one wrong answer to another.
    const honest = run((sample, index) => {
      if (index === 6) return sample.truth;
      if ([12, 18, 24, 30].includes(index)) return (sample.truth + 2) % 1000;
      return sample.logged;
    });
    const result = compareClassification(honest);

    expect(result.passed).toBe(true);
    expect(result.findings.map(({ check, status }) => [check, status])).toEqual([
      ['agreement', 'pass'],
      ['mcnemar', 'pass'],
      ['binomial', 'pass'],
    ]);
    expect(finding(result, 'mcnemar').message).toBe(
      'the SUT is right where the reference model is wrong on b = 1 samples and wrong where it is right on c = 0: one-sided exact McNemar p = 0.5 ≥ 0.001',
    );
    expect(finding(result, 'agreement').evidence).toMatchObject({ agreements: 495, agreement: 0.99 });
    // P[Binomial(500, 416/500) ≥ 417] = 0.48142536349044296 (Python fractions)
    expectRelativelyClose(finding(result, 'binomial').evidence.pValue, 0.48142536349044296);
  });

  it('passes a quantised run that loses more answers than it wins', () => {
    const lossy = run((sample, index) => {
      if (index === 6 || index === 12) return sample.truth; // b = 2
      if ([1, 2, 3, 4, 5, 7, 8, 9, 10].includes(index)) return (sample.truth + 3) % 1000; // c = 9
      return sample.logged;
    });
    const result = compareClassification(lossy);
    expect(result.passed).toBe(true);
    expect(finding(result, 'mcnemar').evidence).toMatchObject({ b: 2, c: 9 });
    expect(finding(result, 'mcnemar').evidence.pValue).toBeGreaterThan(0.99);
    // P[Binomial(500, 416/500) ≥ 409] = 0.8159030892372057 (Python fractions)
    expectRelativelyClose(finding(result, 'binomial').evidence.pValue, 0.8159030892372057);
  });

  it('floors the null accuracy at 1/k when the reference got nothing right', () => {
    const samples = (sutCorrect: number): ClassificationSample[] =>
      Array.from({ length: 10 }, (_, index) => ({ qslIdx: index, truth: 1, reference: 2, logged: index < sutCorrect ? 1 : 2 }));
    // P[Binomial(10, 0.1) ≥ s] for s = 1, 5, 6: 0.6513215599, 0.0016349374, 0.0001469026 (Python fractions)
    const expected: [number, number, 'pass' | 'fail'][] = [
      [1, 0.6513215599, 'pass'],
      [5, 0.0016349374, 'pass'],
      [6, 0.0001469026, 'fail'],
    ];
    for (const [sutCorrect, pValue, status] of expected) {
      const binomial = finding(compareClassification(samples(sutCorrect)), 'binomial');
      expect(binomial.status).toBe(status);
      expect(binomial.evidence.nullAccuracy).toBe(0.1);
      expectRelativelyClose(binomial.evidence.pValue, pValue);
    }
  });

  it('gives p = 1 when a SUT and the reference are both always right', () => {
    const perfect = Array.from({ length: 20 }, (_, index) => ({ qslIdx: index, truth: index, logged: index, reference: index }));
    const result = compareClassification(perfect);
    expect(result.passed).toBe(true);
    expect(result.findings.map((found) => found.evidence.pValue ?? found.evidence.agreement)).toEqual([1, 1, 1]);
  });

  it('applies the given tolerances', () => {
    const oneWin = run((sample, index) => (index === 6 ? sample.truth : sample.logged));
    const strict = compareClassification(oneWin, { ...DEFAULT_CLASSIFICATION_TOLERANCES, agreementWarning: 1, mcnemarAlpha: 0.6, binomialAlpha: 0.6 });
    expect(strict.findings.map(({ status }) => status)).toEqual(['warn', 'fail', 'fail']);
    expect(strict.passed).toBe(false);
    expect(finding(strict, 'mcnemar').message).toContain('p = 0.5 < 0.6');
  });

  it('fails when nothing was compared', () => {
    expect(compareClassification([])).toEqual({
      task: 'classification',
      samples: 0,
      passed: false,
      findings: [{ check: 'agreement', status: 'fail', message: 'no samples were compared', evidence: { samples: 0 } }],
    });
  });

  it('exports the spec defaults', () => {
    expect(DEFAULT_CLASSIFICATION_TOLERANCES).toEqual({ agreementWarning: 0.97, agreementFailure: 0.9, mcnemarAlpha: 1e-3, binomialAlpha: 1e-3 });
  });
});

describe('formatProbability', () => {
  it('prints two significant digits, in exponent form below 0.001', () => {
    const cases: [number, string][] = [
      [1, '1'],
      [0.5, '0.5'],
      [0.046142578125, '0.046'],
      [0.001, '0.001'],
      [0.00099, '9.9e-4'],
      [2 ** -42, '2.3e-13'],
      [1e-300, '1e-300'],
      [0, '0'],
    ];
    for (const [probability, text] of cases) expect(formatProbability(probability)).toBe(text);
  });
});
