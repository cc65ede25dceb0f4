import type { LoggedSample } from '../../parsers/accuracy-log.ts';

/**
 * Bytes per token id in an LLM's logged output. LoadGen logs the bytes the SUT returns: int32 token ids for most
 * implementations (the TEST06, TEST09 and deepseek-r1 scripts read int32), int64 for some reference ones (the llama2,
 * llama3.1 and mixtral scripts default to int64).
 */
export type TokenWidth = 4 | 8;

/**
 * The token width of a log. LoadGen's `token_count` decides where the records have one (every counted record's size is
 * 8 bytes a token, else 4); otherwise 8 when every non-empty sample reads as int64 ids that fit in 32 bits, else 4.
 */
export function tokenWidthOf(samples: readonly LoggedSample[]): TokenWidth {
  const counted = samples.filter((sample) => sample.dataBytes !== undefined && (sample.tokenCount ?? 0) > 0);
  if (counted.length > 0) return counted.every((sample) => sample.dataBytes === 8 * (sample.tokenCount ?? 0)) ? 8 : 4;
  const nonEmpty = samples.filter((sample) => (sample.dataBytes ?? 0) > 0);
  return nonEmpty.length > 0 && nonEmpty.every((sample) => sample.looksInt64) ? 8 : 4;
}

/** The number of token ids in a sample's output; undefined when its size is not a whole number of tokens. */
export function outputTokens(sample: LoggedSample, width: TokenWidth): number | undefined {
  const bytes = sample.dataBytes;
  return bytes !== undefined && bytes % width === 0 ? bytes / width : undefined;
}

/** Little-endian token ids from hex digits; a trailing partial token is left out. */
export function tokenIds(hex: string, width: TokenWidth): number[] {
  const bytes = Buffer.from(hex.slice(0, hex.length - (hex.length % 2)), 'hex');
  const ids: number[] = [];
  for (let offset = 0; offset + width <= bytes.length; offset += width) {
    ids.push(width === 4 ? bytes.readInt32LE(offset) : Number(bytes.readBigInt64LE(offset)));
  }
  return ids;
}

/** The last token ids of a sample's output (as many as its kept tail holds, aligned on token boundaries). */
export function lastTokenIds(sample: LoggedSample, width: TokenWidth): number[] {
  const digits = 2 * (sample.dataBytes ?? 0);
  const tailStart = digits - sample.dataTail.length;
  const misaligned = (2 * width - (tailStart % (2 * width))) % (2 * width);
  return tokenIds(sample.dataTail.slice(misaligned), width);
}

/** The first token ids of a sample's output (as many as its kept head holds). */
export function firstTokenIds(sample: LoggedSample, width: TokenWidth): number[] {
  return tokenIds(sample.dataHead, width);
}

/**
 * How many EOS tokens end a sample's output, the way TEST06's EOS check counts them: from the last token back, never
 * counting the first token (an output of two EOS tokens has one). Counting stops at 2, all the check needs.
 */
export function trailingEosCount(sample: LoggedSample, width: TokenWidth, eosIds: ReadonlySet<number>): number {
  const total = outputTokens(sample, width) ?? 0;
  const last = lastTokenIds(sample, width);
  let count = 0;
  for (let position = last.length - 1; position >= 0 && count < 2; position--) {
    // The token's index in the whole output: the first one (index 0) is never counted.
    if (total - (last.length - position) === 0 || !eosIds.has(last[position] as number)) break;
    count++;
  }
  return count;
}
