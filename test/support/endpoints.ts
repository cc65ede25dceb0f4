import type { MemoryNode } from '../../src/tree/memory-fs.ts';
import { realResult } from './shared-data.ts';

/**
 * Endpoints ("LoadGen++", v6.1) results built in memory: there is no published endpoints submission yet. Each one starts
 * from a real v6.0 result (its system description, measurements.json, README.md and folder layout) and replaces the
 * LoadGen runs by the files the modular checker reads for endpoints (spec §1.10, §3.1, §3.10): config.yaml,
 * performance/result_summary.json, accuracy/accuracy_results.json and audit/audit_<test>.json. The file formats follow
 * the MLCommons endpoints tool (its `Report` JSON and benchmark YAML); the values are the real v6.0 run's, converted.
 */

type Tree = Record<string, MemoryNode>;

/** The seeds of round v6.1 as endpoints writes them: dataloader = sample index, scheduler = schedule (spec §1.4). */
export const V61_SEEDS = { dataloader: '2747215439041700203', scheduler: '16159082839903944936' } as const;

export interface EndpointsRunSpec {
  /** config.yaml `type`: what the checker reads as the effective scenario (`Offline`, `Online`, ...). */
  readonly type: string;
  readonly modelName: string;
  readonly datasetName: string;
  readonly samples: number;
  readonly durationNs: number;
  /** Completed samples (queries) per second, for online runs. */
  readonly qps?: number;
  /** Output tokens per second. */
  readonly tps?: number;
  /** Early-stopping 99th percentiles, in ns. */
  readonly latencyP99Ns: number;
  readonly ttftP99Ns?: number;
  readonly tpotP99Ns?: number;
  readonly meanOutputTokens?: number;
  readonly loadPattern: Readonly<Record<string, string | number>>;
  readonly accuracyScores: readonly Readonly<Record<string, unknown>>[];
  /** Audit name → passed. */
  readonly audits?: Readonly<Record<string, boolean>>;
}

/** `<scenario>/config.yaml`: the endpoints tool's benchmark configuration. */
export function configYaml(spec: EndpointsRunSpec): string {
  const pattern = Object.entries(spec.loadPattern)
    .map(([key, value]) => `    ${key}: ${typeof value === 'string' ? JSON.stringify(value) : value}`)
    .join('\n');
  return `# MLPerf Inference v6.1 endpoints submission run (inference-endpoint benchmark from-config).
name: "${spec.modelName.split('/').pop()?.toLowerCase()}-${spec.type.toLowerCase()}-submission"
version: "1.0"
type: "${spec.type}"

model_params:
  name: "${spec.modelName}"
  temperature: 0.0
  streaming: "on"

datasets:
  - name: ${spec.datasetName}
    type: "performance"
    samples: ${spec.samples}
  - name: ${spec.datasetName}
    type: "accuracy"

settings:
  runtime:
    min_duration_ms: 600000 # 10 minutes
    max_duration_ms: 0
    scheduler_random_seed: ${V61_SEEDS.scheduler}
    dataloader_random_seed: ${V61_SEEDS.dataloader}
  load_pattern:
${pattern}
  client:
    num_workers: 8

endpoint_config:
  endpoints:
    - "http://localhost:8000"
  api_type: "openai"
  api_key: null

report_dir: "logs/submission"
`;
}

/** The rollup of one metric series (`compute_summary`): ns, with LoadGen's early-stopping percentile estimates. */
function rollup(p99: number, scale = 1): Record<string, unknown> {
  const at = (fraction: number): number => Math.round(p99 * fraction * scale) / scale;
  return {
    min: at(0.06),
    max: at(1.3),
    median: at(0.6),
    avg: at(0.62),
    std_dev: at(0.19),
    percentiles: { '50.0': at(0.6), '90.0': at(0.79), '95.0': at(0.86), '99.0': at(0.97), '99.9': at(1.18) },
    early_stopping_percentiles: { '90.0': at(0.8), '99.0': p99 },
  };
}

/** `performance/result_summary.json`: the endpoints tool's `Report.to_json()`. */
export function resultSummaryJson(spec: EndpointsRunSpec): string {
  const report: Record<string, unknown> = {
    version: '0.9.4',
    git_sha: '4c1e2f7a',
    test_started_at: 1784210400000000000,
    n_samples_issued: spec.samples,
    n_samples_completed: spec.samples,
    n_samples_failed: 0,
    duration_ns: spec.durationNs,
    state: 'complete',
    complete: true,
    ttft: spec.ttftP99Ns === undefined ? {} : rollup(spec.ttftP99Ns),
    tpot: spec.tpotP99Ns === undefined ? {} : rollup(spec.tpotP99Ns),
    latency: rollup(spec.latencyP99Ns),
    output_sequence_lengths: spec.meanOutputTokens === undefined ? {} : { min: 12, max: 4096, median: spec.meanOutputTokens - 40, avg: spec.meanOutputTokens, total: spec.meanOutputTokens * spec.samples },
    legacy_loadgen_window_duration_ns: spec.durationNs - 1_250_000_000,
    ...(spec.qps !== undefined && { qps: spec.qps }),
    ...(spec.tps !== undefined && { tps: spec.tps }),
    finish_reason_counts: { stop: spec.samples },
    run_config: { load_pattern: spec.loadPattern, runtime: { min_duration_ms: 600000 } },
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** `accuracy/accuracy_results.json`: one entry per scored dataset. */
export function accuracyResultsJson(scores: readonly Readonly<Record<string, unknown>>[]): string {
  return `${JSON.stringify({ accuracy_scores: scores }, null, 2)}\n`;
}

/** `audit/audit_<name>.json`: the verdict of an endpoints compliance audit. */
export function auditJson(test: string, passed: boolean): string {
  return `${JSON.stringify({ test, passed, started_at: '2026-07-21T09:14:03Z', report_dir: `logs/submission/audit/${test}` }, null, 2)}\n`;
}

/** The endpoints files of one result folder, relative to it. */
export function endpointsFiles(spec: EndpointsRunSpec): Tree {
  const files: Tree = {
    'config.yaml': configYaml(spec),
    'performance/result_summary.json': resultSummaryJson(spec),
    'accuracy/accuracy_results.json': accuracyResultsJson(spec.accuracyScores),
  };
  for (const [name, passed] of Object.entries(spec.audits ?? {})) files[`audit/audit_${name}.json`] = auditJson(name, passed);
  return files;
}

/**
 * A real v6.0 result turned into an endpoints result in folder `folder` of the same benchmark: measurements.json and
 * README.md stay, the LoadGen runs, user.conf, mlperf.conf and compliance folders go.
 */
export function endpointsResult(source: string, folder: string, spec: EndpointsRunSpec): { tree: Tree; path: string } {
  const real = realResult('v6.0', source);
  const path = `${source.slice(0, source.lastIndexOf('/'))}/${folder}`;
  const tree: Tree = {};
  for (const [file, content] of Object.entries(real.tree)) {
    if (!file.startsWith(`${source}/`)) tree[file] = content;
    else if (/^(measurements\.json|README\.md)$/.test(file.slice(source.length + 1))) tree[`${path}/${file.slice(source.length + 1)}`] = content;
  }
  for (const [file, content] of Object.entries(endpointsFiles(spec))) tree[`${path}/${file}`] = content;
  return { tree, path };
}

export interface EndpointsFixture {
  readonly tree: Tree;
  /** The result folders, by the scenario they hold. */
  readonly offline: string;
  readonly online: string;
}

const QWEN_BENCHMARK = 'closed/RedHat/results/8xb200_NV_vllm_qwen/qwen3-vl-235b-a22b';
const QWEN_RUN = { modelName: 'Qwen/Qwen3-VL-235B-A22B-Instruct', datasetName: 'shopify_product_catalogue', samples: 48289 } as const;
const qwenAccuracy = [{ dataset_name: 'shopify_product_catalogue', dataset_type: 'accuracy', total_samples: 48289, score: { f1: 0.7890600786539296 }, extractor: 'JSONExtractor' }];

/** The Offline run: 48289 samples in 611 s (79.03 samples/s, the real run's throughput). */
export const QWEN_OFFLINE_SPEC: EndpointsRunSpec = {
  ...QWEN_RUN,
  type: 'Offline',
  durationNs: 611_000_000_000,
  latencyP99Ns: 598_000_000_000,
  loadPattern: { type: 'max_throughput' },
  accuracyScores: qwenAccuracy,
};

/** The Online (Server) run: 67.8642 queries/s, early-stopping p99 latency 11.69 s (the limit is 12 s). */
export const QWEN_ONLINE_SPEC: EndpointsRunSpec = {
  ...QWEN_RUN,
  type: 'Online',
  durationNs: 711_558_000_000,
  qps: 67.8642,
  latencyP99Ns: 11_687_990_824,
  loadPattern: { type: 'poisson', target_qps: 68.0 },
  accuracyScores: qwenAccuracy,
};

/**
 * qwen3-vl-235b-a22b (not an LLM for the checker, no compliance test, accuracy held to its target) on RedHat's 8xB200
 * system: an `Offline` and an `Online` endpoints result. The official checker accepts both.
 */
export function qwenEndpoints(offline: EndpointsRunSpec = QWEN_OFFLINE_SPEC, online: EndpointsRunSpec = QWEN_ONLINE_SPEC): EndpointsFixture {
  const off = endpointsResult(`${QWEN_BENCHMARK}/offline`, 'Offline', offline);
  const on = endpointsResult(`${QWEN_BENCHMARK}/server`, 'Online', online);
  return { tree: { ...off.tree, ...on.tree }, offline: off.path, online: on.path };
}

const GPT_OSS_BENCHMARK = 'closed/RedHat/results/8xB200-LLM-D-Openshift/gpt-oss-120b';
const GPT_OSS_RUN = { modelName: 'openai/gpt-oss-120b', datasetName: 'gpt-oss-perf-eval', samples: 6396, meanOutputTokens: 1340.97 } as const;
// The three accuracy datasets of the real run (240 + 990 + 3165 = 4395 samples).
const gptOssAccuracy = [
  { dataset_name: 'aime25', dataset_type: 'accuracy', total_samples: 240, score: { exact_match: 82.92 }, n_repeats: 8 },
  { dataset_name: 'gpqa_diamond', dataset_type: 'accuracy', total_samples: 990, score: { exact_match: 76.87 }, n_repeats: 5 },
  { dataset_name: 'livecodebench_v6', dataset_type: 'accuracy', total_samples: 3165, score: { exact_match: 85.4 }, n_repeats: 3 },
];
const TEST07_AUDIT = { accuracy_in_performance_full_test: true };

/** The Offline run: 93070.7 output tokens/s. */
export const GPT_OSS_OFFLINE_SPEC: EndpointsRunSpec = {
  ...GPT_OSS_RUN,
  type: 'Offline',
  durationNs: 92_160_000_000,
  tps: 93070.7,
  latencyP99Ns: 91_500_000_000,
  ttftP99Ns: 60_100_000_000,
  tpotP99Ns: 41_000_000,
  loadPattern: { type: 'max_throughput' },
  accuracyScores: gptOssAccuracy,
  audits: TEST07_AUDIT,
};

/** The Online (Server) run: 71588.1 output tokens/s, TTFT p99 2.89 s (limit 3 s), TPOT p99 41.9 ms (limit 80 ms). */
export const GPT_OSS_ONLINE_SPEC: EndpointsRunSpec = {
  ...GPT_OSS_RUN,
  type: 'Online',
  durationNs: 719_019_000_000,
  qps: 53.3725,
  tps: 71588.1,
  latencyP99Ns: 80_599_010_394,
  ttftP99Ns: 2_885_685_082,
  tpotP99Ns: 41_941_260,
  loadPattern: { type: 'poisson', target_qps: 55.35 },
  accuracyScores: gptOssAccuracy,
  audits: TEST07_AUDIT,
};

/**
 * gpt-oss-120b (an LLM, TEST07 and TEST09) on RedHat's 8xB200 system: an `Offline` and an `Online` endpoints result.
 * The official checker rejects the Offline one (no result_tokens_per_second, #2649) and accepts the Online one.
 */
export function gptOssEndpoints(offline: EndpointsRunSpec = GPT_OSS_OFFLINE_SPEC, online: EndpointsRunSpec = GPT_OSS_ONLINE_SPEC): EndpointsFixture {
  const off = endpointsResult(`${GPT_OSS_BENCHMARK}/Offline`, 'Offline', offline);
  const on = endpointsResult(`${GPT_OSS_BENCHMARK}/Server`, 'Online', online);
  return { tree: { ...off.tree, ...on.tree }, offline: off.path, online: on.path };
}

const WAN_BENCHMARK = 'open/Krai/results/h200_n1-kissv/wan-2.2-t2v-a14b';
const WAN_RUN = { modelName: 'Wan-AI/Wan2.2-T2V-A14B-Diffusers', datasetName: 'wan22_prompts', loadPattern: { type: 'concurrency', target_concurrency: 1 } } as const;
const wanAccuracy = [{ dataset_name: 'wan22_vbench', dataset_type: 'accuracy', total_samples: 248, score: { vbench_score: 71.32 } }];
// REQUIRED_ACC_BENCHMARK['wan-2.2-t2v-a14b']['v6.1']: the videos the human audit looks at.
const WAN_VIDEO_IDS = ['130', '106', '84', '59', '12', '123', '43', '22', '238', '32'];

/** The Offline run: 248 videos in 6112 s. */
export const WAN_OFFLINE_SPEC: EndpointsRunSpec = {
  ...WAN_RUN,
  type: 'Offline',
  samples: 248,
  durationNs: 6_112_000_000_000,
  latencyP99Ns: 6_101_000_000_000,
  loadPattern: { type: 'max_throughput' },
  accuracyScores: wanAccuracy,
  audits: { output_caching_test: true },
};

/** The SingleStream run: 50 videos one at a time, 24.7 s each. */
export const WAN_SINGLE_STREAM_SPEC: EndpointsRunSpec = {
  ...WAN_RUN,
  type: 'Online',
  samples: 50,
  durationNs: 1_240_000_000_000,
  latencyP99Ns: 39_800_000_000,
  accuracyScores: wanAccuracy,
  audits: { output_caching_test: true },
};

/**
 * wan-2.2-t2v-a14b (the one endpoints model that must carry the TEST04 audit, audit_output_caching_test.json) on Krai's
 * H200 system, in the open division as published in v6.0: an `Offline` and a `SingleStream` endpoints result, each with
 * the ten videos of the accuracy run the round asks for.
 */
export function wanEndpoints(
  offline: EndpointsRunSpec = WAN_OFFLINE_SPEC,
  singleStream: EndpointsRunSpec = WAN_SINGLE_STREAM_SPEC,
): { readonly tree: Tree; readonly offline: string; readonly singleStream: string } {
  const off = endpointsResult(`${WAN_BENCHMARK}/offline`, 'Offline', offline);
  const single = endpointsResult(`${WAN_BENCHMARK}/singlestream`, 'SingleStream', singleStream);
  const tree: Tree = { ...off.tree, ...single.tree };
  for (const path of [off.path, single.path]) {
    for (const id of WAN_VIDEO_IDS) tree[`${path}/accuracy/videos/${id}.mp4`] = Buffer.from([0, 0, 0, 24, 0x66, 0x74, 0x79, 0x70]);
    tree[`${path}/accuracy/videos/captions.txt`] = WAN_VIDEO_IDS.map((id) => `${id}: prompt ${id}`).join('\n');
  }
  return { tree, offline: off.path, singleStream: single.path };
}

/** The tree with one endpoints JSON file of a result rewritten. */
export function withJson(tree: Readonly<Tree>, file: string, edit: (json: Record<string, unknown>) => unknown): Tree {
  return { ...tree, [file]: `${JSON.stringify(edit(JSON.parse(String(tree[file])) as Record<string, unknown>), null, 2)}\n` };
}

/** The tree with one line of a result's config.yaml replaced (`pattern` must match). */
export function withConfigLine(tree: Readonly<Tree>, resultPath: string, pattern: RegExp, line: string): Tree {
  const file = `${resultPath}/config.yaml`;
  const text = String(tree[file]);
  if (!pattern.test(text)) throw new Error(`${file} has no line matching ${pattern}`);
  return { ...tree, [file]: text.replace(pattern, line) };
}
