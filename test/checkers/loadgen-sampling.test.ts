import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  accuracyLogOffset,
  expectedQueries,
  loggingThreshold,
  Mt19937,
  printedRange,
  selectedSamples,
  uniformDouble,
  type SamplingSettings,
} from '../../src/checkers/inference/loadgen-sampling.ts';

/**
 * Values printed by test/fixtures/loadgen-sampling-golden.cpp, a g++/libstdc++ program that computes them as a Linux
 * build of LoadGen does (its header says how to regenerate the JSON). Every value must match exactly.
 */
interface Golden {
  readonly defaultWords: Readonly<Record<string, number>>;
  readonly offsets: readonly { readonly seed: string; readonly offset: number }[];
  readonly draws: Readonly<Record<string, number>>;
  readonly expectedQueries: readonly {
    readonly name: string;
    readonly offline: boolean;
    readonly targetQps: number;
    readonly minDurationMs: number;
    readonly samplesPerQuery: number;
    readonly minQueryCount: number;
    readonly minSampleCount: number;
    readonly samplingTarget: number;
    readonly expectedQueries: number;
    readonly probability: number;
  }[];
  readonly selections: readonly { readonly seed: string; readonly probability: number; readonly sampleCount: number; readonly seqIds: readonly number[] }[];
}

const golden = JSON.parse(readFileSync(new URL('../fixtures/loadgen-sampling-golden.json', import.meta.url), 'utf8')) as Golden;
const OFFICIAL_SEED = 720381539243781796n;

describe('loadgen-sampling against the libstdc++ golden values', () => {
  it('std::mt19937 default-seeded words', () => {
    const generator = new Mt19937();
    let position = 0;
    for (const [index, word] of Object.entries(golden.defaultWords).sort(([a], [b]) => Number(a) - Number(b))) {
      let value = 0;
      while (position < Number(index)) {
        value = generator.next();
        position++;
      }
      expect(value, `word ${index}`).toBe(word);
    }
  });

  it('the offset of every seed (reduced modulo 2^32)', () => {
    for (const { seed, offset } of golden.offsets) expect(accuracyLogOffset(BigInt(seed)), `seed ${seed}`).toBe(offset);
  });

  it('draws of the per-sample generator, near the start and far into the stream', () => {
    const generator = new Mt19937();
    let position = 0;
    for (const [index, draw] of Object.entries(golden.draws).sort(([a], [b]) => Number(a) - Number(b))) {
      let value = 0;
      while (position <= Number(index)) {
        value = uniformDouble(generator);
        position++;
      }
      expect(value, `draw ${index}`).toBe(draw);
    }
  });

  it('expected_queries and the probability for settings of real runs', () => {
    for (const entry of golden.expectedQueries) {
      const settings: SamplingSettings = { ...entry, targetQps: { low: entry.targetQps, high: entry.targetQps }, probability: { low: 0, high: 0 } };
      expect(expectedQueries(settings, entry.targetQps), entry.name).toBe(entry.expectedQueries);
      expect(loggingThreshold(settings), entry.name).toEqual({ low: entry.probability, high: entry.probability });
    }
  });

  it('the logged seq_ids of each (seed, p, sample count)', () => {
    for (const { seed, probability, sampleCount, seqIds } of golden.selections) {
      const logged = selectedSamples(accuracyLogOffset(BigInt(seed)), { low: probability, high: probability }, sampleCount);
      expect(logged.map((sample) => sample.seqId), `seed ${seed}, p ${probability}`).toEqual(seqIds);
      expect(logged.every((sample) => sample.fate === 'logged')).toBe(true);
    }
  });
});

describe('selectedSamples', () => {
  const offset = accuracyLogOffset(OFFICIAL_SEED);

  it('gives the same samples from the shared scan as from a scan of its own', () => {
    // p * N = 4096 is served by the shared scan, p * N = 40960 is scanned afresh; both must agree on the common part.
    const shared = selectedSamples(offset, { low: 4096 / 200000, high: 4096 / 200000 }, 200000);
    const own = selectedSamples(offset, { low: 4096 / 200000, high: 4096 / 200000 }, 2000000).filter((sample) => sample.seqId < 200000);
    expect(shared.length).toBeGreaterThan(3900);
    expect(own).toEqual(shared);
  });

  it('marks the samples a rounded threshold may or may not select', () => {
    const exact = selectedSamples(offset, { low: 0.01, high: 0.01 }, 100000);
    const ranged = selectedSamples(offset, { low: 0.0099, high: 0.0101 }, 100000);
    expect(ranged.filter((sample) => sample.fate === 'logged').every((sample) => exact.some((candidate) => candidate.seqId === sample.seqId))).toBe(true);
    expect(ranged.filter((sample) => sample.fate === 'either').length).toBeGreaterThan(0);
    expect(ranged.length).toBeGreaterThan(exact.length);
  });
});

describe('printedRange', () => {
  it('allows half a unit in the sixth significant digit', () => {
    const qps = printedRange(3333.33);
    expect(qps.low).toBeCloseTo(3333.325, 9);
    expect(qps.high).toBeCloseTo(3333.335, 9);
    // 1e9 / 300000 ns, a MultiStream target QPS, prints as 3333.33.
    expect(1e9 / 300000).toBeGreaterThan(qps.low);
    expect(1e9 / 300000).toBeLessThan(qps.high);
    const whole = printedRange(25150);
    expect(whole.low).toBeCloseTo(25149.95, 9);
    expect(whole.high).toBeCloseTo(25150.05, 9);
  });
});
