import { describe, expect, it } from 'vitest';
import type { MemoryNode } from '../../src/tree/memory-fs.ts';
import { withEditedFile, withLogValue } from '../rules/perf/mllog-edits.ts';
import { auditTree } from '../support/audit-tree.ts';
import { realResult } from '../support/shared-data.ts';
import { moved } from '../support/tree-edits.ts';

// Verdicts of the recommended profile's consistency checks (perf/test-mode, perf/log-consistency,
// perf/target-latency-percentile, perf/multistream-samples-per-query, comp/audit-settings, perf/run-identity,
// meas/user-conf-overrides) and of the corrected constants: the official checkers accept each of these results (no
// official code path reads what is broken), the recommended profile rejects them.

type Tree = Record<string, MemoryNode>;

const RUN_LOG = 'performance/run_1/mlperf_log_detail.txt';

/** Real results of a round in one tree: a benchmark's results need each other's required scenarios. */
function realResults(round: string, ...paths: string[]): Tree {
  return Object.assign({}, ...paths.map((path) => realResult(round, path).tree)) as Tree;
}

async function verdicts(tree: Tree, round: string, profile: 'official' | 'recommended'): Promise<string[]> {
  return (await auditTree(tree, { round, profile })).lines;
}

/** The tree with events of one log changed (JSON text) or removed. */
function withEvents(tree: Tree, logPath: string, changes: Readonly<Record<string, string | undefined>>): Tree {
  return withEditedFile(tree, logPath, (log) => Object.entries(changes).reduce((text, [key, value]) => withLogValue(text, key, value), log));
}

// v4.1 (monolith): a closed Server result with TEST01, TEST04 and TEST05.
const RESNET = 'closed/Intel/results/1-node-2S-EMR-PyTorch/resnet50/Server';
const RESNET_OFFLINE = 'closed/Intel/results/1-node-2S-EMR-PyTorch/resnet50/Offline';
const resnet = realResults('v4.1', RESNET, RESNET_OFFLINE);
const RESNET_COMPLIANCE = 'closed/Intel/compliance/1-node-2S-EMR-PyTorch/resnet50/Server';
const RESNET_ACCEPTED = [`Results ${RESNET_OFFLINE} 25204.5`, `Results ${RESNET} 22501.8`];
// The monolith counts a required scenario whose measurements or performance checks fail as missing, so its benchmark
// is recorded too (check_results_dir); a compliance failure rejects the result alone.
const RESNET_REJECTED = [`NoResults ${RESNET}`, `Results ${RESNET_OFFLINE} 25204.5`];
const RESNET_REJECTED_WITH_BENCHMARK = [`NoResults ${RESNET.slice(0, RESNET.lastIndexOf('/'))}`, ...RESNET_REJECTED];

// v4.1: a closed MultiStream result.
const MULTISTREAM = 'closed/UntetherAI/results/h13_u1_preview/resnet50/multistream';
const UNTETHER = 'closed/UntetherAI/results/h13_u1_preview/resnet50';
const multiStream = realResults('v4.1', MULTISTREAM, `${UNTETHER}/offline`, `${UNTETHER}/singlestream`);
const MULTISTREAM_ACCEPTED = [`Results ${MULTISTREAM} 0.290617`, `Results ${UNTETHER}/offline 70348.2`, `Results ${UNTETHER}/singlestream 0.119199`];

// v6.0 (modular): a closed Interactive LLM result, run by LoadGen as Server with token latencies.
const LLAMA = 'closed/MiTAC/results/8xMI350X_2xEPYC-9755/llama2-70b-99.9/Interactive';
const MITAC = 'closed/MiTAC/results/8xMI350X_2xEPYC-9755/llama2-70b-99.9';
const llama = realResults('v6.0', LLAMA, `${MITAC}/Offline`, `${MITAC}/Server`);
const LLAMA_ACCEPTED = [`Results ${LLAMA} 54730.5`, `Results ${MITAC}/Offline 78988.6`, `Results ${MITAC}/Server 77377.9`];

describe('recommended profile: results the official checkers accept', () => {
  it('accepts the unbroken results in both profiles', async () => {
    expect(await verdicts(resnet, 'v4.1', 'official')).toEqual(RESNET_ACCEPTED);
    expect(await verdicts(resnet, 'v4.1', 'recommended')).toEqual(RESNET_ACCEPTED);
    expect(await verdicts(llama, 'v6.0', 'official')).toEqual(LLAMA_ACCEPTED);
    expect(await verdicts(llama, 'v6.0', 'recommended')).toEqual(LLAMA_ACCEPTED);
    expect(await verdicts(multiStream, 'v4.1', 'official')).toEqual(MULTISTREAM_ACCEPTED);
    expect(await verdicts(multiStream, 'v4.1', 'recommended')).toEqual(MULTISTREAM_ACCEPTED);
  });

  // Published in v4.1 and accepted by its checker: the accuracy folder holds the log of an Offline performance run
  // (perf/test-mode, perf/run-identity). M41 check_accuracy_dir reads accuracy.txt and the file list only.
  it('rejects a published result whose accuracy run is a performance run of another scenario', async () => {
    const AMD = 'closed/AMD/results/1xMI300X_2xEPYC-9374F/llama2-70b-99';
    const amd = realResults('v4.1', `${AMD}/Server`, `${AMD}/Offline`);
    expect(await verdicts(amd, 'v4.1', 'official')).toEqual([`Results ${AMD}/Offline 3062.72`, `Results ${AMD}/Server 2520.27`]);
    // perf/test-mode and perf/run-identity are performance-stage checks: the monolith's sequence records the benchmark.
    expect(await verdicts(amd, 'v4.1', 'recommended')).toEqual([`NoResults ${AMD}`, `NoResults ${AMD}/Server`, `Results ${AMD}/Offline 3062.72`]);
  });

  const broken: readonly { name: string; round: string; tree: Tree; official: string[]; rejected: string[] }[] = [
    {
      // perf/test-mode; M41 check_compliance_dir re-runs check_performance_dir, which never reads effective_test_mode.
      name: 'a TEST04 run made in FindPeakPerformance mode',
      round: 'v4.1',
      tree: withEvents(resnet, `${RESNET_COMPLIANCE}/TEST04/${RUN_LOG}`, { effective_test_mode: '"FindPeakPerformance"' }),
      official: RESNET_ACCEPTED,
      rejected: RESNET_REJECTED_WITH_BENCHMARK,
    },
    {
      // perf/log-consistency; M41 check_performance_dir reads result_validity alone.
      name: 'a VALID log whose run was shorter than the minimum duration',
      round: 'v4.1',
      tree: withEvents(resnet, `${RESNET}/${RUN_LOG}`, { power_end: '"07-19-2024 02:00:00.000"' }),
      official: RESNET_ACCEPTED,
      rejected: RESNET_REJECTED_WITH_BENCHMARK,
    },
    {
      // perf/log-consistency; the modular checker never reads result_validity nor the TPOT target LoadGen applied.
      name: 'a VALID token-latency log above its TPOT target',
      round: 'v6.0',
      tree: withEvents(llama, `${LLAMA}/${RUN_LOG}`, { 'result_time_per_output_token_99.00_percentile_ns': '39999999', requested_server_tpot_latency: '30000000' }),
      official: LLAMA_ACCEPTED,
      rejected: [`NoResults ${LLAMA}`, `Results ${MITAC}/Offline 78988.6`, `Results ${MITAC}/Server 77377.9`],
    },
    {
      // perf/target-latency-percentile; no official code path reads effective_target_latency_percentile.
      name: 'a closed Server run validated at the 90th percentile',
      round: 'v4.1',
      tree: withEvents(resnet, `${RESNET}/${RUN_LOG}`, { effective_target_latency_percentile: '0.9' }),
      official: RESNET_ACCEPTED,
      rejected: RESNET_REJECTED_WITH_BENCHMARK,
    },
    {
      // perf/multistream-samples-per-query; M41 reads effective_samples_per_query for Offline only.
      name: 'a closed MultiStream run with 16 samples per query',
      round: 'v4.1',
      tree: withEvents(multiStream, `${MULTISTREAM}/${RUN_LOG}`, { effective_samples_per_query: '16' }),
      official: MULTISTREAM_ACCEPTED,
      rejected: [`NoResults ${UNTETHER}`, `NoResults ${MULTISTREAM}`, `Results ${UNTETHER}/offline 70348.2`, `Results ${UNTETHER}/singlestream 0.119199`],
    },
    {
      // comp/audit-settings; M41 re-applies check_performance_dir to the TEST04 log, which ignores the issue settings.
      name: 'a TEST04 run that did not repeat one sample',
      round: 'v4.1',
      tree: withEvents(resnet, `${RESNET_COMPLIANCE}/TEST04/${RUN_LOG}`, { effective_performance_issue_same: 'false' }),
      official: RESNET_ACCEPTED,
      rejected: RESNET_REJECTED,
    },
    {
      // perf/run-identity (scenario); M41 check_accuracy_dir reads accuracy.txt and the file list, not the run's log.
      name: 'an accuracy run of another scenario',
      round: 'v4.1',
      tree: withEvents(resnet, `${RESNET}/accuracy/mlperf_log_detail.txt`, { effective_scenario: '"Offline"' }),
      official: RESNET_ACCEPTED,
      rejected: RESNET_REJECTED_WITH_BENCHMARK,
    },
    {
      // meas/user-conf-overrides; the monolith reads user.conf only for sample_concatenate_permutation.
      name: 'a user.conf that changes the Server latency percentile',
      round: 'v4.1',
      tree: withEditedFile(resnet, 'closed/Intel/measurements/1-node-2S-EMR-PyTorch/resnet50/Server/user.conf', (conf) => `${conf}*.Server.target_latency_percentile = 95\n`),
      official: RESNET_ACCEPTED,
      rejected: RESNET_REJECTED_WITH_BENCHMARK,
    },
  ];

  it.each(broken)('$name: accepted officially, rejected by the recommended profile', async ({ tree, round, official, rejected }) => {
    expect(await verdicts(tree, round, 'official')).toEqual(official);
    expect(await verdicts(tree, round, 'recommended')).toEqual(rejected);
  });
});

describe('corrected constants (docs/rounds/corrected-constants.md)', () => {
  // The Interactive result as gpt-oss-120b with a TPOT of 25 ms: NEW llm_check holds Interactive folders to the Server
  // limits (80 ms); the recommended profile to the Interactive limit of the rules, 20 ms (the official table says 15 ms).
  it('holds gpt-oss-120b Interactive to the TPOT of the rules', async () => {
    const GPT_OSS = 'closed/MiTAC/results/8xMI350X_2xEPYC-9755/gpt-oss-120b/Interactive';
    const tree = moved(withEvents(realResult('v6.0', LLAMA).tree, `${LLAMA}/${RUN_LOG}`, { 'result_time_per_output_token_99.00_percentile_ns': '25000000' }), LLAMA.slice(0, LLAMA.lastIndexOf('/')), GPT_OSS.slice(0, GPT_OSS.lastIndexOf('/')));
    const { result } = await auditTree(tree, { round: 'v6.0', profile: 'recommended' });
    expect(result.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'perf/llm-ttft-tpot').map((diagnostic) => diagnostic.messageId)).toEqual(['exceeded']);
    expect((await auditTree(tree, { round: 'v6.0', profile: 'official' })).result.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'perf/llm-ttft-tpot')).toEqual([]);
  });
});
