import { describe, expect, it } from 'vitest';
import { rankSamples, sampleRankKey } from '../../src/harness/sampler.ts';

const SEED = 'v5.1-review/acme';
const POPULATION = Array.from({ length: 20 }, (_, qslIdx) => qslIdx);

/*
 * Expected orders computed once with Python 3.11, independently of node:crypto:
 *   key = lambda s, b, i: hashlib.sha256(f'{s}|{b}|{i}'.encode()).hexdigest()
 *   sorted(indices, key=lambda i: key(seed, benchmark, i))
 */
describe('rankSamples', () => {
  it('puts the TEST01 indices first, each group in sha256 order', () => {
    const ranked = rankSamples({ seed: SEED, benchmark: 'resnet50', population: POPULATION, priority: [17, 3, 99, 3, 8] });
    expect(ranked).toEqual([3, 17, 8, 16, 14, 12, 0, 11, 18, 5, 15, 7, 9, 10, 19, 2, 13, 4, 6, 1]);
  });

  it('drops priority indices the accuracy log did not answer, and duplicates', () => {
    const ranked = rankSamples({ seed: SEED, benchmark: 'resnet50', population: [5, 5, 6, 6, 7], priority: [99, 6, 6] });
    expect(ranked).toHaveLength(3);
    expect(ranked[0]).toBe(6);
    expect(new Set(ranked)).toEqual(new Set([5, 6, 7]));
    expect(ranked).not.toContain(99);
  });

  it('draws unrelated orders for another benchmark or another seed', () => {
    expect(rankSamples({ seed: SEED, benchmark: 'retinanet', population: POPULATION })).toEqual([19, 7, 4, 0, 18, 16, 6, 12, 1, 14, 9, 2, 11, 15, 3, 8, 10, 5, 17, 13]);
    expect(rankSamples({ seed: 'another seed', benchmark: 'resnet50', population: POPULATION })).toEqual([13, 18, 4, 15, 1, 5, 3, 7, 0, 17, 16, 14, 10, 19, 9, 8, 11, 2, 12, 6]);
  });

  it('does not depend on the order or the container of its inputs', () => {
    const forward = rankSamples({ seed: SEED, benchmark: 'resnet50', population: POPULATION, priority: [8, 17, 3] });
    const shuffled = rankSamples({ seed: SEED, benchmark: 'resnet50', population: new Set([...POPULATION].reverse()), priority: new Set([3, 8, 17]) });
    expect(shuffled).toEqual(forward);
  });

  it('ranks the population alone when there is no TEST01 log, and nothing when the log is empty', () => {
    expect(rankSamples({ seed: SEED, benchmark: 'resnet50', population: POPULATION })).toEqual([16, 14, 12, 0, 11, 18, 5, 15, 7, 3, 17, 9, 10, 19, 2, 8, 13, 4, 6, 1]);
    expect(rankSamples({ seed: SEED, benchmark: 'resnet50', population: [], priority: [1, 2] })).toEqual([]);
  });

  it('rejects indices that are not non-negative integers', () => {
    expect(() => rankSamples({ seed: SEED, benchmark: 'resnet50', population: [1, -2] })).toThrow(/non-negative integer, got -2/);
    expect(() => rankSamples({ seed: SEED, benchmark: 'resnet50', population: [1], priority: [0.5] })).toThrow(RangeError);
  });
});

describe('sampleRankKey', () => {
  it('is the hex sha256 of "seed|benchmark|qsl_idx"', () => {
    expect(sampleRankKey(SEED, 'resnet50', 0)).toBe('1ff262137e76a2693a913718da5eb4433c53aea25a00c5f0ef0edf8448cabd42');
  });
});
