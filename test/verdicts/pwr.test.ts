import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MemoryNode } from '../../src/tree/memory-fs.ts';
import { auditTree } from '../support/audit-tree.ts';
import { realResult, SHARED, sharedInference, withChanges } from '../support/shared-data.ts';

// Official verdicts of the power checks (pwr/*) on real v4.1 power results with one thing broken. The code paths are
// those of the v4.1 monolith (M41): check_results_dir runs check_power_dir for a result with performance/power/, and
// any failure there (a file list mismatch, no samples in the window, the Power WG power_checker.py returning 1, or an
// exception) ends in `results[<result folder>] = None`, printed `NoResults <result folder>`. The shared data has power
// results only for v4.1, so the modular checker's verdicts (v6.0+, the same PowerCheck conditions) are exercised by the
// rule tests instead.

type Tree = Record<string, MemoryNode>;
const ROUND = 'v4.1';
const SUBMITTER = 'closed/UntetherAI';
const EDGE = `${SUBMITTER}/results/h13_u3_slim/resnet50`;
const DATACENTER = `${SUBMITTER}/results/r760_u6_slim/resnet50`;

/** All results of one power benchmark, with the power documentation the measurements folder of the system holds. */
function powerBenchmark(benchmark: string, scenarios: readonly string[]): Tree {
  const system = benchmark.split('/')[3] as string;
  const tree: Tree = Object.assign({}, ...scenarios.map((scenario) => realResult(ROUND, `${benchmark}/${scenario}`).tree));
  for (const document of ['analyzer_table.md', 'power_settings.md']) {
    const file = `${SUBMITTER}/measurements/${system}/${document}`;
    tree[file] = readFileSync(path.join(sharedInference(ROUND), file));
  }
  return tree;
}

/** The official verdict lines of the shared data for the results of a benchmark. */
const officialLines = (benchmark: string): string[] =>
  readFileSync(path.join(SHARED, 'expected', 'inference', ROUND, 'verdicts.txt'), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith(`Results ${benchmark}/`));

const edge = powerBenchmark(EDGE, ['offline', 'singlestream', 'multistream']);
const datacenter = powerBenchmark(DATACENTER, ['offline', 'server']);
const edgeOffline = (name: string): string => `${EDGE}/offline/performance/${name}`;
const edit = (tree: Tree, file: string, change: (text: string) => string): Tree => ({ ...tree, [file]: change(String(tree[file])) });
/**
 * The edge verdicts with one result rejected. A power failure makes the performance check of a required scenario fail,
 * so the monolith never discards it from the required set and records the closed benchmark too.
 */
const rejectedWithBenchmark = (scenario: string): string[] =>
  [...officialLines(EDGE).filter((line) => !line.includes(`/${scenario} `)), `NoResults ${EDGE}/${scenario}`, `NoResults ${EDGE}`].sort();
const offlineRejected = rejectedWithBenchmark('offline');

async function officialVerdicts(tree: Tree): Promise<string[]> {
  return (await auditTree(tree, { round: ROUND, profile: 'official' })).lines;
}

describe('power results in the official v4.1 verdicts', () => {
  it('accepts the real results with their power metric and efficiency, as the monolith prints them', async () => {
    expect(await officialVerdicts(edge)).toEqual(officialLines(EDGE));
    expect(await officialVerdicts(datacenter)).toEqual(officialLines(DATACENTER));
  });

  it('rejects a result whose spl.txt has no sample in the power window (get_power_metric)', async () => {
    expect(await officialVerdicts(edit(edge, edgeOffline('run_1/spl.txt'), (text) => text.replaceAll('07-23-2024', '07-22-2024')))).toEqual(offlineRejected);
  });

  it('rejects a result with a file the power session did not produce ("Check results checksum" fails)', async () => {
    expect(await officialVerdicts(edit(edge, edgeOffline('power/client.log'), (text) => `${text}edited\n`))).toEqual(offlineRejected);
  });

  it('rejects a result without client.json (file list mismatch, then SessionDescriptor raises)', async () => {
    expect(await officialVerdicts(withChanges(edge, { [edgeOffline('power/client.json')]: undefined }))).toEqual(offlineRejected);
  });

  it('rejects a result measured by a modified power server ("Check server sources checksum" fails)', async () => {
    const tree = edit(edge, edgeOffline('power/server.json'), (text) => text.replace('"lib/server.py": "99303c836c683aa9017ec565104e636161d02acb"', '"lib/server.py": "0000000000000000000000000000000000000000"'));
    expect(await officialVerdicts(tree)).toEqual(offlineRejected);
  });

  it('rejects a result whose ranging log has no result (check_ranging_dir raises)', async () => {
    const tree = edit(edge, edgeOffline('ranging/mlperf_log_detail.txt'), (text) => text.replace(/^.*"key": "result_samples_per_second".*$/m, ''));
    expect(await officialVerdicts(tree)).toEqual(offlineRejected);
  });

  it('rejects a SingleStream result whose log has no query count (int(None) in get_power_metric)', async () => {
    const tree = edit(edge, `${EDGE}/singlestream/performance/run_1/mlperf_log_detail.txt`, (text) => text.replace(/^.*"key": "result_query_count".*$/m, ''));
    expect(await officialVerdicts(tree)).toEqual(rejectedWithBenchmark('singlestream'));
  });

  it('only warns about an uncommon PTD error during ranging, and never sees an error after it (the check stops at the warning)', async () => {
    const power = `${DATACENTER}/offline/performance/power`;
    const withError = edit(datacenter, `${power}/ptd_logs.txt`, (text) => `${text}07-25-2024 11:30:00.000: ERROR: Analyzer disconnected\n`);
    // The session's record of the PTD log's hash updated too, so that only the PTD log check sees the change.
    const tree = edit(withError, `${power}/server.json`, (text) => {
      const session = JSON.parse(text) as { results: Record<string, string> };
      session.results['power/ptd_logs.txt'] = createHash('sha1').update(String(withError[`${power}/ptd_logs.txt`])).digest('hex');
      return JSON.stringify(session);
    });
    const { lines, result } = await auditTree(tree, { round: ROUND, profile: 'official' });
    expect(lines).toEqual(officialLines(DATACENTER));
    const powerFindings = result.diagnostics.filter((diagnostic) => diagnostic.ruleId.startsWith('pwr/'));
    expect(powerFindings.map((diagnostic) => `${diagnostic.severity} ${diagnostic.ruleId} ${diagnostic.line}`)).toEqual(['warning pwr/ptd-log-warnings 976']);
    // The rules reject it: errors during the measured run invalidate it.
    expect((await auditTree(tree, { round: ROUND, profile: 'recommended' })).result.results.find((verdict) => verdict.path === `${DATACENTER}/offline`)?.status).toBe('rejected');
  });
});
