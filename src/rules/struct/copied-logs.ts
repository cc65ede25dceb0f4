import { accuracyTxtParserOf } from '../../checkers/inference/accuracy.ts';
import { canonicalScenario } from '../../checkers/inference/scenarios.ts';
import { sha256Parser } from '../../parsers/file-hash.ts';
import type { Division, Scenario } from '../../rounds/types.ts';
import { compareStrings, type SubmissionIndex } from '../../tree/submission-index.ts';
import type { ScenarioUnit } from '../../tree/units.ts';
import { mapLimit } from '../../util/concurrency.ts';
import { defineRule } from '../rule.ts';

/** The logs that identify a run: LoadGen's detail and summary logs, and the outputs it logged. */
type LogKind = 'detail' | 'summary' | 'accuracyLog';

/** One log of one result, and the run it stands for: `performance`, `accuracy`, or a compliance test (`TEST01`, …). */
interface Evidence {
  readonly path: string;
  readonly size: number;
  readonly kind: LogKind;
  readonly role: string;
  readonly unit: ScenarioUnit;
  /** The detail log of the same run: itself, the summary's sibling, or the run that wrote the accuracy log. */
  readonly runDetail: string | undefined;
}

const COMPLIANCE_DIVISIONS: ReadonlySet<Division> = new Set(['closed', 'network']);
const COMPLIANCE_TEST = /^TEST\d+$/;
/** An accuracy log smaller than this holds no entry (`[]`, `[\n]\n`): identical ones say nothing. */
const MIN_ACCURACY_LOG_BYTES = 64;
/** Scenarios one run may stand for at once: on edge systems MultiStream and Offline may be inferred from it. */
const INFERABLE_SCENARIOS: ReadonlySet<Scenario> = new Set(['SingleStream', 'MultiStream', 'Offline']);
const ROLE_ORDER = ['performance', 'accuracy'];
const CONCURRENCY = 8;

function evidenceOf(index: SubmissionIndex, unit: ScenarioUnit): Evidence[] {
  const found: Evidence[] = [];
  const add = (path: string, kind: LogKind, role: string, runDetail: string | undefined): void => {
    const size = index.fileSize(path);
    if (size === undefined || (kind === 'accuracyLog' && size < MIN_ACCURACY_LOG_BYTES)) return;
    found.push({ path, size, kind, role, unit, runDetail: runDetail !== undefined && index.isFile(runDetail) ? runDetail : undefined });
  };
  const addRun = (folder: string, role: string): void => {
    add(`${folder}/mlperf_log_detail.txt`, 'detail', role, `${folder}/mlperf_log_detail.txt`);
    add(`${folder}/mlperf_log_summary.txt`, 'summary', role, `${folder}/mlperf_log_detail.txt`);
  };
  addRun(`${unit.path}/performance/run_1`, 'performance');
  // The summary of an accuracy run has no results: the same few lines for every run.
  add(`${unit.path}/accuracy/mlperf_log_detail.txt`, 'detail', 'accuracy', `${unit.path}/accuracy/mlperf_log_detail.txt`);
  add(`${unit.path}/accuracy/mlperf_log_accuracy.json`, 'accuracyLog', 'accuracy', `${unit.path}/accuracy/mlperf_log_detail.txt`);
  // Compliance runs are evidence only where the tests are required.
  if (!COMPLIANCE_DIVISIONS.has(unit.division)) return found;
  for (const test of index.directoryNames(unit.compliancePath).filter((name) => COMPLIANCE_TEST.test(name))) {
    const folder = `${unit.compliancePath}/${test}`;
    addRun(`${folder}/performance/run_1`, test);
    add(`${folder}/accuracy/mlperf_log_accuracy.json`, 'accuracyLog', test, `${folder}/performance/run_1/mlperf_log_detail.txt`);
  }
  return found;
}

/** `bert-99` and `bert-99.9` are one model held to two accuracy targets. */
function benchmarkFamily(benchmark: string): string {
  return benchmark.replace(/-99(\.9)?$/, '');
}

function mayShareRun(a: string, b: string): boolean {
  const first = canonicalScenario(a);
  const second = canonicalScenario(b);
  if (first === undefined || second === undefined) return a === b;
  return first === second || (INFERABLE_SCENARIOS.has(first) && INFERABLE_SCENARIOS.has(second));
}

type Relation = 'legitimate' | 'otherDivision' | 'otherRole' | 'otherResult';

/**
 * Whether two results may hold the same log: the same run of one system may be submitted for both accuracy targets of
 * a model and for the scenarios inferred from it (perf/scenario-inference checks which inferences are allowed).
 */
function relationOf(a: Evidence, b: Evidence): Relation {
  if (a.role !== b.role) return 'otherRole';
  const [first, second] = [a.unit, b.unit];
  const sameResult =
    first.submitter === second.submitter && first.system === second.system && benchmarkFamily(first.benchmark) === benchmarkFamily(second.benchmark) && mayShareRun(first.scenario, second.scenario);
  if (!sameResult) return 'otherResult';
  return first.division === second.division ? 'legitimate' : 'otherDivision';
}

/** What sets the original's result apart, for a message. */
function difference(copy: Evidence, original: Evidence): string {
  const [mine, theirs] = [copy.unit, original.unit];
  if (mine.submitter !== theirs.submitter) return `submitter ${theirs.submitter}`;
  if (mine.system !== theirs.system) return `system ${theirs.system}`;
  if (benchmarkFamily(mine.benchmark) !== benchmarkFamily(theirs.benchmark)) return `benchmark ${theirs.benchmark}`;
  return `scenario ${theirs.scenario}`;
}

function roleName(role: string): string {
  return `${role} run`;
}

function roleRank(role: string): number {
  const rank = ROLE_ORDER.indexOf(role);
  return rank === -1 ? ROLE_ORDER.length : rank;
}

/** Groups of evidence connected by legitimate sharing; the first group holds the original (a performance run first). */
function clustersOf(copies: readonly Evidence[]): Evidence[][] {
  const sorted = [...copies].sort((a, b) => roleRank(a.role) - roleRank(b.role) || compareStrings(a.path, b.path));
  const rank = new Map(sorted.map((item, position) => [item, position]));
  const byRank = (a: Evidence, b: Evidence): number => (rank.get(a) ?? 0) - (rank.get(b) ?? 0);
  let clusters: Evidence[][] = [];
  for (const copy of sorted) {
    const joined = clusters.filter((cluster) => cluster.some((member) => relationOf(member, copy) === 'legitimate'));
    clusters = [...clusters.filter((cluster) => !joined.includes(cluster)), [...joined.flat(), copy].sort(byRank)];
  }
  return clusters.sort((a, b) => byRank(a[0] as Evidence, b[0] as Evidence));
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string | undefined): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === undefined) continue;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups.values()];
}

export default defineRule({
  id: 'struct/copied-logs',
  meta: {
    description: 'No LoadGen log is reused where it cannot be honest: a run\'s detail or summary log under another system, benchmark or scenario, or in another role, and the same accuracy log under another result without two runs to show for it.',
    category: 'struct',
    scope: 'root',
    severity: 'error',
    messageSeverities: { copiedRunOtherDivision: 'warning', sameOutputs: 'warning' },
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText:
      'inference_rules.adoc §5.1 ("One LoadGen validation run is required for each submitted performance result"; each result comes from LoadGen runs of its own system) and §4.1 (inferred edge scenarios); submission_rules.adoc §5.6 (each result folder holds the logs of its runs).',
    messages: {
      copiedRun:
        'This {{role}} log is byte-identical to {{original}}, the {{role}} log of another result ({{difference}}): one LoadGen run cannot be the run of both. Only the -99 and -99.9 folders of one system\'s model, and the SingleStream, MultiStream and Offline folders of results inferred from one run, may share logs. Submit the logs of the run made for this result.',
      copiedRunOtherDivision:
        'This {{role}} log is byte-identical to {{original}}, the same result submitted in the {{division}} division. A run is published once, in one division: submit it in one division only, or make a run for the other.',
      copiedRole:
        'This log stands for the {{role}} of its result but is byte-identical to {{original}}, the {{originalRole}} log: a LoadGen run is a performance run, an accuracy run or one compliance test\'s run, never two of them, so this {{role}} was not made. Make the run and submit its own logs.',
      sameOutputs:
        'This accuracy log is identical to {{original}} of another result ({{difference}}: {{evidence}}), and no detail log shows two separate runs. A deterministic system with the same accelerator may give the same outputs; otherwise the accuracy run was copied. Submit the LoadGen detail log of each run, or make the run on this system.',
    },
    // A copy concerns two results and the rule cannot tell which one was run for: it reports without rejecting.
    rejects: 'none',
    official: false,
  },
  async check(context) {
    const { units, index, load, round, report } = context;
    const evidence = units.ofKind('scenario').flatMap((unit) => evidenceOf(index, unit));
    const suspicious = (group: readonly Evidence[]): boolean => group.some((a, position) => group.slice(position + 1).some((b) => relationOf(a, b) !== 'legitimate'));

    // truncate_accuracy_log.py keeps the first and last 4 KiB of an accuracy log and records the hash of the whole log in
    // accuracy.txt: that hash tells such logs apart (accuracy.txt is parsed for the acc rules anyway).
    const recorded = new Map<Evidence, string>();
    await mapLimit(
      evidence.filter((item) => item.kind === 'accuracyLog'),
      CONCURRENCY,
      async (item) => {
        const txt = item.path.replace(/mlperf_log_accuracy\.json$/, 'accuracy.txt');
        const parsed = index.isFile(txt) ? await load(txt, accuracyTxtParserOf(round)) : undefined;
        const hash = parsed?.ok ? parsed.value.hash?.value.toLowerCase() : undefined;
        if (hash !== undefined) recorded.set(item, hash);
      },
    );

    // The other logs: only those of one kind and size can be copies, and only groups with a pair that could not share
    // a log honestly are hashed.
    const sizeGroups = groupBy(
      evidence.filter((item) => !recorded.has(item)),
      (item) => `${item.kind}:${item.size}`,
    ).filter(suspicious);
    const hashes = new Map<string, Promise<string | undefined>>();
    const hashOf = (path: string): Promise<string | undefined> => {
      let hash = hashes.get(path);
      if (hash === undefined) {
        // A log that cannot be read is reported by the rules that read it (perf/log-parse, acc/detail-log, …).
        hash = load(path, sha256Parser).then((hashed) => (hashed.ok ? hashed.value : undefined));
        hashes.set(path, hash);
      }
      return hash;
    };
    const hashed = new Map<Evidence, string | undefined>();
    await mapLimit(sizeGroups.flat(), CONCURRENCY, async (item) => {
      hashed.set(item, await hashOf(item.path));
    });
    const sameContent = async (a: string, b: string): Promise<boolean> => {
      if (index.fileSize(a) !== index.fileSize(b)) return false;
      const [first, second] = await Promise.all([hashOf(a), hashOf(b)]);
      return first !== undefined && first === second;
    };

    const judge = async (copies: readonly Evidence[]): Promise<void> => {
      const [originals = [], ...others] = clustersOf(copies);
      const original = originals[0] as Evidence;
      for (const copy of others.flat()) {
        const relation = relationOf(copy, original);
        const data = { role: roleName(copy.role), original: original.path };
        if (relation === 'otherRole') {
          report({ messageId: 'copiedRole', file: copy.path, data: { ...data, originalRole: roleName(original.role) } });
          continue;
        }
        const bothRuns = copy.kind !== 'detail' && copy.runDetail !== undefined && original.runDetail !== undefined;
        if (copy.kind === 'accuracyLog') {
          // Identical detail logs are reported as such; different ones show two runs of a deterministic system.
          if (bothRuns) continue;
          const evidence = recorded.has(copy) ? 'accuracy.txt records the same hash of the full log' : 'byte for byte';
          report({ messageId: 'sameOutputs', file: copy.path, data: { original: original.path, difference: difference(copy, original), evidence } });
          continue;
        }
        // A summary beside a copied detail log: the detail log is reported.
        if (bothRuns && (await sameContent(copy.runDetail as string, original.runDetail as string))) continue;
        if (relation === 'otherDivision') report({ messageId: 'copiedRunOtherDivision', file: copy.path, data: { ...data, division: original.unit.division } });
        else report({ messageId: 'copiedRun', file: copy.path, data: { ...data, difference: difference(copy, original) } });
      }
    };

    const byFullLog = groupBy([...recorded.keys()], (item) => recorded.get(item));
    const byBytes = sizeGroups.flatMap((group) => groupBy(group, (item) => hashed.get(item)));
    for (const copies of [...byFullLog, ...byBytes]) if (suspicious(copies)) await judge(copies);
  },
});
