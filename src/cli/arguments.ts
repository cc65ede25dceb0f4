import { InvalidArgumentError } from 'commander';
import type { Shard } from '../checkers/shard.ts';

/** A problem with how the tool was called: one line on stderr, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number of warnings, 0 or more.');
  return Number(value);
}

/** `K/N`: shard K of N, 1 ≤ K ≤ N. */
export function parseShard(value: string): Shard {
  const match = /^([1-9]\d*)\/([1-9]\d*)$/.exec(value);
  const [index, count] = match === null ? [0, 0] : [Number(match[1]), Number(match[2])];
  if (index < 1 || index > count) throw new InvalidArgumentError('expected K/N with 1 ≤ K ≤ N, e.g. 2/3.');
  return { index, count };
}
