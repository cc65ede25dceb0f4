import { describe, expect, it } from 'vitest';
import { csvReporter } from '../../src/report/csv.ts';
import type { MemoryNode } from '../../src/tree/memory-fs.ts';
import { auditTree } from '../support/audit-tree.ts';
import {
  auditJson,
  endpointsResult,
  GPT_OSS_OFFLINE_SPEC,
  GPT_OSS_ONLINE_SPEC,
  gptOssEndpoints,
  QWEN_OFFLINE_SPEC,
  QWEN_ONLINE_SPEC,
  qwenEndpoints,
  wanEndpoints,
  withConfigLine,
  withJson,
} from '../support/endpoints.ts';
import { realResult, withChanges } from '../support/shared-data.ts';
import { moved, withJsonFields } from '../support/tree-edits.ts';

// Official v6.1 verdicts of endpoints ("LoadGen++") results, built from real v6.0 results (test/support/endpoints.ts).
// NEW = the modular checker at HEAD: PerformanceCheck, AccuracyCheck, ComplianceCheck with is_endpoints_submission, the
// EndpointsParser reading config.yaml, performance/result_summary.json and accuracy/accuracy_results.json (spec §1.10).

type Tree = Record<string, MemoryNode>;

const verdicts = async (tree: Tree, profile: 'official' | 'recommended' = 'official'): Promise<string[]> => (await auditTree(tree, { round: 'v6.1', profile })).lines;

const qwen = qwenEndpoints();
const QWEN_OFFLINE = `Results ${qwen.offline} 79.03273322422258`;
const QWEN_ONLINE = `Results ${qwen.online} 67.8642`;

const gptOss = gptOssEndpoints();
const GPT_OSS_ONLINE = `Results ${gptOss.online} 71588.1`;

// wan-2.2-t2v-a14b in the closed division (Krai published it in open): its system description says so.
const wanOpen = wanEndpoints();
const wanClosed = withJsonFields(moved(wanOpen.tree, 'open/Krai', 'closed/Krai'), 'closed/Krai/systems/h200_n1-kissv.json', { division: 'closed' });
const wanOffline = wanOpen.offline.replace('open/', 'closed/');
const wanSingleStream = wanOpen.singleStream.replace('open/', 'closed/');
const WAN_ACCEPTED = [`Results ${wanOffline} 0.04057591623036649`, `Results ${wanSingleStream} 24.676`];

describe('endpoints results that the official checker accepts', () => {
  it('qwen3-vl-235b-a22b: Offline (samples/s from the sample count and duration) and Online (a Server result, queries/s)', async () => {
    expect(await verdicts(qwen.tree)).toEqual([QWEN_OFFLINE, QWEN_ONLINE]);
    expect(await verdicts(qwen.tree, 'recommended')).toEqual([QWEN_OFFLINE, QWEN_ONLINE]);
  });

  it('wan-2.2-t2v-a14b: Offline and SingleStream (mean latency, in seconds), with their TEST04 audits', async () => {
    expect(await verdicts(wanClosed)).toEqual(WAN_ACCEPTED);
  });

  it('needs no user.conf, mlperf.conf or TESTxx folders', async () => {
    const tree = withChanges(qwen.tree, { [`${qwen.offline}/user.conf`]: undefined, [`${qwen.offline}/mlperf.conf`]: undefined });
    expect(Object.keys(tree).some((file) => file.includes('/TEST0'))).toBe(false);
    expect(await verdicts(tree)).toEqual([QWEN_OFFLINE, QWEN_ONLINE]);
  });

  it('the summary CSV records an Online result as "server" (loader.py, #2626), in Queries/s', async () => {
    const { result } = await auditTree(qwen.tree, { round: 'v6.1', profile: 'official' });
    const rows = csvReporter(result, { color: false }).trim().split('\n').slice(1);
    expect(rows[1]).toContain(`"qwen3-vl-235b-a22b","server","67.8642"`);
    expect(rows[1]).toContain(`"${qwen.online}/performance/run_1"`);
    expect(rows[1]).toContain('"Queries/s"');
  });
});

describe('perf: the modular checker reads the endpoints keys like a LoadGen log', () => {
  it('gpt-oss-120b Offline has no metric: the LoadGen override result_tokens_per_second is never synthesized (#2649)', async () => {
    // get_performance_metric_check: float(mlperf_log["result_tokens_per_second"]) on None raises; the Online result reads
    // result_completed_tokens_per_second, which `tps` gives.
    expect(await verdicts(gptOss.tree)).toEqual([`NoResults ${gptOss.offline}`, GPT_OSS_ONLINE]);
    // The recommended profile reads the Offline tokens per second from `tps`.
    expect(await verdicts(gptOss.tree, 'recommended')).toEqual([`Results ${gptOss.offline} 93070.7`, GPT_OSS_ONLINE]);
  });

  it('with config type "offline" in lower case the override is missed: samples/s are reported (as Tokens/s)', async () => {
    // The override lookup `scenario in RESULT_FIELD_BENCHMARK_OVERWRITE[version][model]` is case-sensitive, while
    // RESULT_FIELD_ENDPOINTS is looked up by scenario.lower(): 6396 samples in 92.16 s.
    const tree = withConfigLine(gptOss.tree, gptOss.offline, /^type: .*$/m, 'type: "offline"');
    expect(await verdicts(tree)).toEqual([`Results ${gptOss.offline} 69.40104166666667`, GPT_OSS_ONLINE]);
  });

  it('a model the round accepts no endpoints results for (endpoints_model_check)', async () => {
    const whisper = endpointsResult('closed/RedHat/results/8xH200_whisper/whisper/Offline', 'Offline', { ...QWEN_OFFLINE_SPEC, modelName: 'openai/whisper-large-v3', samples: 1633 });
    expect(await verdicts(whisper.tree)).toEqual([`NoResults ${whisper.path}`]);
  });

  it('a p99 latency above the 12 s constraint of qwen3-vl Server (latency_check, endpoints branch)', async () => {
    const tree = qwenEndpoints(undefined, { ...QWEN_ONLINE_SPEC, latencyP99Ns: 12_000_000_001 }).tree;
    expect(await verdicts(tree)).toEqual([`NoResults ${qwen.online}`, QWEN_OFFLINE]);
  });

  it('a TTFT above the 3 s limit of gpt-oss-120b Server (llm_check on the mapped scenario)', async () => {
    const tree = gptOssEndpoints(undefined, { ...GPT_OSS_ONLINE_SPEC, ttftP99Ns: 3_000_000_000 }).tree;
    expect(await verdicts(tree)).toEqual([`NoResults ${gptOss.offline}`, `NoResults ${gptOss.online}`]);
  });

  it('a dataloader seed other than the round sample-index seed (seeds_check; no QSL seed for endpoints)', async () => {
    const tree = withConfigLine(qwen.tree, qwen.offline, /dataloader_random_seed: \d+/, 'dataloader_random_seed: 42');
    expect(await verdicts(tree)).toEqual([`NoResults ${qwen.offline}`, QWEN_ONLINE]);
  });

  it('a run configured shorter than 600 s (min_duration_check on settings.runtime.min_duration_ms)', async () => {
    const tree = withConfigLine(qwen.tree, qwen.online, /min_duration_ms: 600000/, 'min_duration_ms: 599999');
    expect(await verdicts(tree)).toEqual([`NoResults ${qwen.online}`, QWEN_OFFLINE]);
  });

  it('a config.yaml that names no scenario: the checker stops on it; the result alone is rejected here', async () => {
    // map_endpoints_scenario calls None.lower() in PerformanceCheck.__init__, outside the per-check wrapper: the whole
    // run crashes (C). The official profile rejects the result it concerns.
    const tree = withConfigLine(qwen.tree, qwen.offline, /^type: .*$/m, 'benchmark_mode: "offline"');
    expect(await verdicts(tree)).toEqual([`NoResults ${qwen.offline}`, QWEN_ONLINE]);
  });

  it('a performance summary that is missing: no QPS, no latencies, no metric', async () => {
    const tree = withChanges(qwen.tree, { [`${qwen.online}/performance/result_summary.json`]: undefined });
    expect(await verdicts(tree)).toEqual([`NoResults ${qwen.online}`, QWEN_OFFLINE]);
  });
});

describe('acc: the endpoints branch of accuracy_result_check and dataset_check', () => {
  const results = `${qwen.offline}/accuracy/accuracy_results.json`;
  const scores = (edit: (score: Record<string, unknown>) => Record<string, unknown>) =>
    withJson(qwen.tree, results, (json) => ({ accuracy_scores: (json['accuracy_scores'] as Record<string, unknown>[]).map(edit) }));

  it('a qwen3-vl score below its target', async () => {
    expect(await verdicts(scores((score) => ({ ...score, score: { f1: 0.78 } })))).toEqual([`NoResults ${qwen.offline}`, QWEN_ONLINE]);
  });

  it('no accuracy score, and no accuracy_results.json at all', async () => {
    expect(await verdicts(scores(({ score: _score, ...rest }) => rest))).toEqual([`NoResults ${qwen.offline}`, QWEN_ONLINE]);
    expect(await verdicts(withChanges(qwen.tree, { [results]: undefined }))).toEqual([`NoResults ${qwen.offline}`, QWEN_ONLINE]);
  });

  it('an accuracy run on part of the data set (effective_accuracy_sample_count = summed total_samples)', async () => {
    expect(await verdicts(scores((score) => ({ ...score, total_samples: 48288 })))).toEqual([`NoResults ${qwen.offline}`, QWEN_ONLINE]);
  });

  it('no threshold for the other models: a gpt-oss-120b score far below its target is accepted', async () => {
    const low = gptOssAccuracy(0.1);
    expect(await verdicts(withJson(gptOss.tree, `${gptOss.online}/accuracy/accuracy_results.json`, () => low))).toEqual([`NoResults ${gptOss.offline}`, GPT_OSS_ONLINE]);
  });

  it('an untruncated LoadGen accuracy log beside an endpoints run is not checked (accuracy_json_check skipped)', async () => {
    const tree = withChanges(qwen.tree, { [`${qwen.offline}/accuracy/mlperf_log_accuracy.json`]: `[${'{"qsl_idx": 1, "data": "00"},'.repeat(500)}]` });
    expect(await verdicts(tree)).toEqual([QWEN_OFFLINE, QWEN_ONLINE]);
  });
});

describe('comp: compliance_endpoints_check', () => {
  const wanAudit = `${wanOffline}/audit/audit_output_caching_test.json`;

  it('wan-2.2-t2v-a14b without its TEST04 audit, with a failed one, with the audit of another test', async () => {
    const rejected = [`NoResults ${wanOffline}`, WAN_ACCEPTED[1]];
    expect(await verdicts(withChanges(wanClosed, { [wanAudit]: undefined }))).toEqual(rejected);
    expect(await verdicts(withChanges(wanClosed, { [wanAudit]: auditJson('output_caching_test', false) }))).toEqual(rejected);
    expect(await verdicts(withChanges(wanClosed, { [wanAudit]: auditJson('consistency_output_test', true) }))).toEqual(rejected);
  });

  it('open results too: the endpoints check has no division test (the recommended profile exempts them)', async () => {
    const tree = withChanges(wanOpen.tree, { [`${wanOpen.offline}/audit/audit_output_caching_test.json`]: undefined });
    expect(await verdicts(tree)).toEqual([`NoResults ${wanOpen.offline}`, `Results ${wanOpen.singleStream} 24.676`]);
    expect(await verdicts(tree, 'recommended')).toEqual([`Results ${wanOpen.offline} 0.04057591623036649`, `Results ${wanOpen.singleStream} 24.676`]);
  });

  it('gpt-oss-120b: its TEST07 audit is optional, but must pass when present', async () => {
    const audit = `${gptOss.online}/audit/audit_accuracy_in_performance_full_test.json`;
    expect(await verdicts(withChanges(gptOss.tree, { [audit]: undefined }))).toEqual([`NoResults ${gptOss.offline}`, GPT_OSS_ONLINE]);
    expect(await verdicts(withChanges(gptOss.tree, { [audit]: auditJson('accuracy_in_performance_full_test', false) }))).toEqual([`NoResults ${gptOss.offline}`, `NoResults ${gptOss.online}`]);
  });

  it('gpt-oss-120b TEST09: a mean output length outside [1150.38, 1406.02]', async () => {
    const tree = gptOssEndpoints(undefined, { ...GPT_OSS_ONLINE_SPEC, meanOutputTokens: 1406.03 }).tree;
    expect(await verdicts(tree)).toEqual([`NoResults ${gptOss.offline}`, `NoResults ${gptOss.online}`]);
  });
});

describe('struct: scenario folders', () => {
  it('an Online folder holding a LoadGen result is no scenario: the benchmark fails (check_scenarios)', async () => {
    const real = realResult('v6.0', 'closed/RedHat/results/8xb200_NV_vllm_qwen/qwen3-vl-235b-a22b/server');
    const tree = { ...withChanges(qwen.tree, Object.fromEntries(Object.keys(qwen.tree).filter((file) => file.startsWith(`${qwen.online}/`)).map((file) => [file, undefined]))), ...moved(real.tree, real.path, qwen.online) };
    expect(await verdicts(tree)).toEqual([`NoResults ${qwen.offline}`, `NoResults ${qwen.online}`]);
  });
});

/** gpt-oss-120b's accuracy_results.json with every dataset scored `score`. */
function gptOssAccuracy(score: number): unknown {
  return { accuracy_scores: GPT_OSS_OFFLINE_SPEC.accuracyScores.map((dataset) => ({ ...dataset, score: { exact_match: score } })) };
}
