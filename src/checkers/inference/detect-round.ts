import { compareRounds, knownRounds, loadRound } from '../../rounds/load-round.ts';
import type { SubmissionFs } from '../../tree/submission-fs.ts';
import type { SubmissionIndex } from '../../tree/submission-index.ts';

export interface DetectedRound {
  readonly id: string;
  /** What the round was recognised by, for the "assumed round" message. */
  readonly evidence: string;
}

const LOGS_SAMPLED = 24;
const HEAD_BYTES = 64 * 1024;
const SEED_PATTERN = /"key":\s*"effective_qsl_rng_seed",\s*"value":\s*(\d+)/;
const VERSION_PATTERN = /"key":\s*"loadgen_version",\s*"value":\s*"(\d+)\.(\d+)/;

/**
 * Recognises the round from the performance logs: the QSL seed is announced per round, so it identifies the round
 * even when a submitter ran an older LoadGen; the LoadGen version is the fallback.
 */
export async function detectRound(fs: SubmissionFs, index: SubmissionIndex): Promise<DetectedRound | undefined> {
  const rounds = knownRounds().map(loadRound);
  const logs = [...index.all()].filter((entry) => entry.kind === 'file' && entry.path.endsWith('/performance/run_1/mlperf_log_detail.txt'));
  const sample = evenlySpaced(logs, LOGS_SAMPLED);
  const seedVotes = new Map<string, number>();
  const versions = new Set<string>();
  for (const entry of sample) {
    const head = await fs.readHead(entry.path, HEAD_BYTES).then((buffer) => buffer.toString('utf8'), () => '');
    const seed = SEED_PATTERN.exec(head)?.[1];
    const round = rounds.find((candidate) => candidate.seeds.qsl === seed);
    if (round) seedVotes.set(round.id, (seedVotes.get(round.id) ?? 0) + 1);
    const version = VERSION_PATTERN.exec(head);
    if (version) versions.add(`${version[1]}.${version[2]}`);
  }
  const bySeed = [...seedVotes].sort((a, b) => b[1] - a[1] || compareRounds(b[0], a[0]))[0];
  if (bySeed) return { id: bySeed[0], evidence: `the LoadGen QSL seed of ${bySeed[1]} of ${sample.length} sampled performance logs` };
  const byVersion = rounds
    .filter((round) => round.loadgenVersions.some((version) => versions.has(version)))
    .sort((a, b) => compareRounds(b.id, a.id))[0];
  if (byVersion) return { id: byVersion.id, evidence: `the LoadGen version (${[...versions].sort().join(', ')}) of the sampled performance logs` };
  return undefined;
}

function evenlySpaced<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  const step = items.length / count;
  return Array.from({ length: count }, (_, index) => items[Math.floor(index * step)] as T);
}
