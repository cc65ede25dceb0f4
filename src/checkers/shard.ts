import { createHash } from 'node:crypto';
import type { SubmitterUnit } from '../tree/units.ts';

/** One of `count` shares of a tree's submitters, audited by `check --shard <index>/<count>` (index from 1). */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** What an audit of one shard records: the shard, and the submitter folders (`<division>/<submitter>`) it audited. */
export interface ShardRecord extends Shard {
  readonly submitters: readonly string[];
}

/**
 * The shard a submitter folder belongs to, from a hash of `<division>/<submitter>`: adding or removing a submitter
 * moves no other submitter to another shard, which a round-robin over the sorted names would do.
 */
export function shardOfSubmitter(division: string, submitter: string, count: number): number {
  const digest = createHash('sha256').update(`${division}/${submitter}`).digest();
  return (digest.readUInt32BE(0) % count) + 1;
}

export function inShard(submitter: SubmitterUnit, shard: Shard): boolean {
  return shardOfSubmitter(submitter.division, submitter.submitter, shard.count) === shard.index;
}
