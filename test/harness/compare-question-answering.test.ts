import { describe, expect, it } from 'vitest';
import { BERT_SEQUENCE_LENGTH, PADDING_LOGIT, type SpanLogits } from '../../src/harness/decoders.ts';
import {
  bestSpan,
  compareQuestionAnswering,
  DEFAULT_QUESTION_ANSWERING_TOLERANCES,
  logitCosine,
  SQUAD_SPAN_SEARCH,
  type QuestionAnsweringSample,
} from '../../src/harness/compare/question-answering.ts';

const logitsOf = (start: readonly number[], end: readonly number[], positions = start.length): SpanLogits => ({ start, end, positions });

/** Logits spread over [0, 10) by multiplicative hashing: exact decimals, identical in Python and JavaScript. */
const hashed = (multiplier: number, modulus: number): number[] => Array.from({ length: BERT_SEQUENCE_LENGTH }, (_, position) => ((position * multiplier) % modulus) / 100);

/** Zero logits with peaks: `{ position: logit }`. */
function peaks(values: Readonly<Record<number, number>>, length = BERT_SEQUENCE_LENGTH): number[] {
  const logits = new Array<number>(length).fill(0);
  for (const [position, value] of Object.entries(values)) logits[Number(position)] = value;
  return logits;
}

describe('bestSpan', () => {
  it('matches the selection of accuracy-squad.py write_predictions', () => {
    // Expected spans from a Python transcription of _get_best_indexes and the prelim_predictions loop, with
    // start = [(i * ms) % 1000 / 100], end = [(i * me) % 997 / 100] for i in range(384).
    const cases: [number, number, number, [number, number] | undefined][] = [
      [7919, 104729, 384, [247, 249]],
      [31, 17, 384, [290, 293]],
      [7919, 104729, 100, [25, 45]],
      [1009, 2003, 384, [332, 332]],
      [13, 29, 50, undefined],
    ];
    for (const [startMultiplier, endMultiplier, limit, expected] of cases) {
      const span = bestSpan(logitsOf(hashed(startMultiplier, 1000), hashed(endMultiplier, 997)), limit);
      expect(span === undefined ? undefined : [span.start, span.end]).toEqual(expected);
    }
  });

  it('never ends before it starts', () => {
    expect(bestSpan(logitsOf(peaks({ 20: 9 }), peaks({ 5: 9, 25: 7 })))).toEqual({ start: 20, end: 25 });
  });

  it('limits answers to 30 tokens', () => {
    expect(bestSpan(logitsOf(peaks({ 0: 9 }), peaks({ 40: 9, 20: 1 })))).toEqual({ start: 0, end: 20 });
    expect(bestSpan(logitsOf(peaks({ 0: 9 }), peaks({ 29: 9 })))).toEqual({ start: 0, end: 29 });
  });

  it('considers only the 20 best start and end positions, ties in position order', () => {
    // Starts 0–20 tie at 5, so start 50 (4.9) is not among the 20 best although (50, 52) would score highest.
    const start = peaks({ ...Object.fromEntries(Array.from({ length: 21 }, (_, position) => [position, 5])), 50: 4.9 });
    expect(bestSpan(logitsOf(start, peaks({ 52: 10 })))).toEqual({ start: 0, end: 0 });
    expect(bestSpan(logitsOf(start, peaks({ 52: 10 })), BERT_SEQUENCE_LENGTH, { ...SQUAD_SPAN_SEARCH, nBest: 22 })).toEqual({ start: 50, end: 52 });
  });

  it('ignores positions at or beyond the limit and finds nothing below position 0', () => {
    expect(bestSpan(logitsOf(peaks({ 10: 1, 300: 9 }), peaks({ 12: 1, 301: 9 })), 200)).toEqual({ start: 10, end: 12 });
    expect(bestSpan(logitsOf(peaks({ 10: 1 }), peaks({ 12: 1 })), 0)).toBeUndefined();
  });
});

describe('logitCosine', () => {
  it('is the cosine of the concatenated start and end logits over the given positions', () => {
    const first = logitsOf([1, 0, 99], [0, 1, 99]);
    expect(logitCosine(first, first, 3)).toBeCloseTo(1, 15);
    expect(logitCosine(first, logitsOf([1, 0, 5], [0, -1, 7]), 2)).toBe(0);
    expect(logitCosine(first, logitsOf([2, 0], [0, 2]), 2)).toBeCloseTo(1, 15);
    expect(logitCosine(logitsOf([1, 1], [0, 0]), logitsOf([1, 0], [0, 0]), 2)).toBeCloseTo(Math.SQRT1_2, 15);
  });

  it('is 1 for two zero vectors and 0 for one', () => {
    expect(logitCosine(logitsOf([0], [0]), logitsOf([0], [0]), 1)).toBe(1);
    expect(logitCosine(logitsOf([0], [0]), logitsOf([1], [0]), 1)).toBe(0);
  });
});

describe('compareQuestionAnswering', () => {
  /** A reference answer at positions 40–42 over varied background logits. */
  function referenceOf(sample: number): SpanLogits {
    const start = hashed(7 + sample, 1000).map((logit) => logit - 5);
    const end = hashed(11 + sample, 997).map((logit) => logit - 5);
    start[40 + sample] = 12;
    end[42 + sample] = 12;
    return logitsOf(start, end);
  }
  /** What a quantised SUT logs: the reference's logits with a deterministic error of ±`noise`. */
  const perturbed = (logits: SpanLogits, noise: number): SpanLogits =>
    logitsOf(
      logits.start.map((logit, position) => logit + (position % 2 === 0 ? noise : -noise)),
      logits.end.map((logit, position) => logit + (position % 3 === 0 ? -noise : noise)),
    );

  function samples(count: number, logged: (reference: SpanLogits, sample: number) => SpanLogits): QuestionAnsweringSample[] {
    return Array.from({ length: count }, (_, sample) => {
      const reference = referenceOf(sample);
      return { qslIdx: 500 + sample, reference, logged: logged(reference, sample) };
    });
  }

  it('passes a faithful run with small logit noise', () => {
    const result = compareQuestionAnswering(samples(20, (reference) => perturbed(reference, 0.05)));
    expect(result).toMatchObject({ task: 'question-answering', samples: 20, passed: true });
    expect(result.findings.map(({ check, status }) => [check, status])).toEqual([
      ['cosine', 'pass'],
      ['span', 'pass'],
    ]);
    expect(result.findings[0]?.evidence).toMatchObject({ samples: 20, samplesBelow: 0, threshold: 0.99 });
    expect(result.findings[0]?.evidence.lowestCosine).toBeGreaterThan(0.999);
    expect(result.findings[1]).toEqual({
      check: 'span',
      status: 'pass',
      message: "the best answer span (n_best 20, max_answer_length 30) is the reference model's on 20 of 20 samples (100.0 %), at least the 95.0 % required",
      evidence: { samples: 20, sameSpan: 20, agreement: 1, threshold: 0.95 },
    });
  });

  it('fails logits that are not the reference model’s, naming the samples', () => {
    const result = compareQuestionAnswering(
      samples(20, (reference, sample) => {
        if (sample !== 4) return reference;
        // another answer: the peaks moved to 100–101
        const start = reference.start.map((logit) => (logit === 12 ? 0 : logit));
        const end = reference.end.map((logit) => (logit === 12 ? 0 : logit));
        start[100] = 12;
        end[101] = 12;
        return logitsOf(start, end);
      }),
    );
    expect(result.passed).toBe(false);
    const [cosine, span] = result.findings;
    expect(cosine?.status).toBe('fail');
    expect(cosine?.evidence).toMatchObject({ samplesBelow: 1 });
    expect(cosine?.message).toMatch(
      /^the cosine similarity of the logged and reference \(start ‖ end\) logits reaches 0\.99 on 19 of 20 samples, every one required; lowest 0\.\d+ \(lowest first, qsl_idx 504: 0\.\d+\)$/,
    );
    // 19 of 20 = 95 %: the span check alone still passes
    expect(span).toMatchObject({ status: 'pass', evidence: { sameSpan: 19, agreement: 0.95 } });
    expect(span?.message).toContain('differs on qsl_idx 504 (logged 100–101, reference 44–46)');
  });

  it('fails when fewer than 95 % of the spans agree', () => {
    const result = compareQuestionAnswering(samples(10, (reference, sample) => (sample === 0 ? logitsOf(reference.end, reference.start) : reference)), {
      ...DEFAULT_QUESTION_ANSWERING_TOLERANCES,
      minCosine: 0,
    });
    expect(result.findings.map(({ status }) => status)).toEqual(['pass', 'fail']);
    expect(result.findings[1]?.message).toContain('on 9 of 10 samples (90.0 %), below the 95.0 % required');
  });

  it('compares a padded shorter response only over the positions it carried', () => {
    const reference = referenceOf(0);
    const carried = 64;
    const padded = (logits: readonly number[]): number[] => logits.map((logit, position) => (position < carried ? logit : PADDING_LOGIT));
    const shorter = logitsOf(padded(reference.start), padded(reference.end), carried);
    const result = compareQuestionAnswering([{ qslIdx: 1, reference, logged: shorter }]);
    expect(result.passed).toBe(true);
    expect(result.findings[0]?.evidence.lowestCosine).toBeCloseTo(1, 12);
  });

  it('restricts both checks to the feature’s tokens when their count is known', () => {
    const reference = referenceOf(0);
    // The logged response's padding logits differ from the reference's: that must not count against the SUT. (Large
    // padding logits would: accuracy-squad.py takes the n_best positions before it drops those beyond the tokens.)
    const logged = logitsOf(
      reference.start.map((logit, position) => (position < 50 ? logit : -50)),
      reference.end.map((logit, position) => (position < 50 ? logit : 30 - position)),
    );
    expect(compareQuestionAnswering([{ qslIdx: 1, reference, logged }]).passed).toBe(false);
    expect(compareQuestionAnswering([{ qslIdx: 1, reference, logged, tokenCount: 50 }]).passed).toBe(true);
  });

  it('fails when nothing was compared', () => {
    expect(compareQuestionAnswering([])).toEqual({
      task: 'question-answering',
      samples: 0,
      passed: false,
      findings: [{ check: 'cosine', status: 'fail', message: 'no samples were compared', evidence: { samples: 0 } }],
    });
  });

  it('exports the spec defaults', () => {
    expect(DEFAULT_QUESTION_ANSWERING_TOLERANCES).toEqual({ minCosine: 0.99, spanAgreement: 0.95 });
    expect(SQUAD_SPAN_SEARCH).toEqual({ nBest: 20, maxAnswerLength: 30 });
  });
});
