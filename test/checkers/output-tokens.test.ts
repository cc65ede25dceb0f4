import { describe, expect, it } from 'vitest';
import { lastTokenIds, outputTokens, tokenWidthOf, trailingEosCount } from '../../src/checkers/inference/output-tokens.ts';
import type { LoggedSample } from '../../src/parsers/accuracy-log.ts';
import { tokenHex } from '../support/accuracy-logs.ts';

/** A sample summary as the parser makes it (64 hex digits kept at each end). */
function sample(tokens: readonly number[], width: 4 | 8 = 4, tokenCount?: number): LoggedSample {
  const hex = tokenHex(tokens, width);
  return {
    line: 2,
    dataBytes: hex.length / 2,
    dataHead: hex.slice(0, 64),
    dataTail: hex.slice(-64),
    looksInt64: width === 8,
    ...(tokenCount !== undefined && { tokenCount }),
  };
}

describe('output tokens', () => {
  it('takes the token width from token_count, else from the int64 look of the data', () => {
    expect(tokenWidthOf([sample([1, 2, 3], 8, 3)])).toBe(8);
    expect(tokenWidthOf([sample([1, 2, 3], 4, 3)])).toBe(4);
    expect(tokenWidthOf([sample([1, 2], 8), sample([5], 8)])).toBe(8);
    expect(tokenWidthOf([sample([1, 2], 8), sample([5, 6, 7])])).toBe(4);
  });

  it('counts whole tokens only', () => {
    expect(outputTokens(sample([1, 2, 3]), 4)).toBe(3);
    expect(outputTokens(sample([1, 2, 3]), 8)).toBeUndefined();
  });

  it('reads the last tokens of a long output on token boundaries', () => {
    const tokens = Array.from({ length: 37 }, (_, index) => 100 + index);
    expect(lastTokenIds(sample(tokens), 4)).toEqual(tokens.slice(-8));
    expect(lastTokenIds(sample(tokens, 8), 8)).toEqual(tokens.slice(-4));
  });

  it('counts trailing EOS tokens as TEST06 does: never the first token', () => {
    const eos = new Set([2]);
    expect(trailingEosCount(sample([5, 6, 2]), 4, eos)).toBe(1);
    expect(trailingEosCount(sample([5, 2, 2, 2]), 4, eos)).toBe(2);
    expect(trailingEosCount(sample([2, 2]), 4, eos)).toBe(1);
    expect(trailingEosCount(sample([2]), 4, eos)).toBe(0);
    expect(trailingEosCount(sample([...Array.from({ length: 30 }, () => 7), 2, 2], 8), 8, eos)).toBe(2);
  });
});
