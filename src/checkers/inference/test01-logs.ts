import { accuracyEntriesParser, type AccuracyEntries, type AccuracyEntry, type CutEntry } from '../../parsers/accuracy-entries.ts';
import { loadedSampleSetParser, type LoadedSampleSet } from '../../parsers/loaded-sample-set.ts';
import { integerText, mllogParser, numberValue, type MllogLog } from '../../parsers/mllog.ts';
import type { RoundData } from '../../rounds/types.ts';
import type { Profile } from '../../rules/rule.ts';
import type { SubmissionIndex } from '../../tree/submission-index.ts';
import type { ScenarioUnit } from '../../tree/units.ts';
import { accuracyJsonPath } from './accuracy.ts';
import { complianceScope, PERFORMANCE_RUN_LOG, TEST01_BASELINE, TEST01_COMPLIANCE, testFolder, type ComplianceScope } from './compliance.ts';
import { accuracyLogOffset, loggingThreshold, printedRange, type SamplingSettings, type Threshold } from './loadgen-sampling.ts';
import type { Load } from './result-metric.ts';

export const TEST01 = 'TEST01';

/** Where the files of a result's TEST01 are, and the accuracy run's log it is compared with. */
export interface Test01Files {
  readonly scope: ComplianceScope;
  readonly folder: string;
  /** TEST01/accuracy/mlperf_log_accuracy.json: the responses LoadGen sampled in performance mode. */
  readonly accuracyLog: string;
  /** TEST01/performance/run_1/mlperf_log_detail.txt: the settings of that run. */
  readonly detailLog: string;
  /** The result's accuracy/mlperf_log_accuracy.json: every response of the accuracy run. */
  readonly accuracyRunLog: string;
  readonly baseline: string;
  readonly compliance: string;
}

/** The TEST01 files of a result that must pass TEST01 and has its folder; undefined otherwise. */
export async function test01Files(context: {
  readonly unit: ScenarioUnit;
  readonly round: RoundData;
  readonly profile: Profile;
  readonly index: SubmissionIndex;
  readonly load: Load;
}): Promise<Test01Files | undefined> {
  const scope = await complianceScope(context);
  if (scope === undefined || !scope.tests.includes(TEST01)) return undefined;
  const folder = testFolder(scope, TEST01);
  if (!context.index.isDirectory(folder)) return undefined;
  return {
    scope,
    folder,
    accuracyLog: `${folder}/accuracy/mlperf_log_accuracy.json`,
    detailLog: `${folder}/${PERFORMANCE_RUN_LOG}`,
    accuracyRunLog: accuracyJsonPath(context.unit.path),
    baseline: `${folder}/accuracy/${TEST01_BASELINE}`,
    compliance: `${folder}/accuracy/${TEST01_COMPLIANCE}`,
  };
}

export type LoadedEntries = { readonly ok: true; readonly entries: AccuracyEntries } | { readonly ok: false; readonly problem: string };

/** An accuracy log's records; undefined when the file is not there (other rules report a missing log). */
export async function loadEntries(load: Load, index: SubmissionIndex, file: string): Promise<LoadedEntries | undefined> {
  if (!index.isFile(file)) return undefined;
  const read = await load(file, accuracyEntriesParser);
  if (!read.ok) return { ok: false, problem: read.problems[0]?.message ?? 'cannot be read' };
  if (read.value.otherLines > 0 && read.value.entries.length === 0) return { ok: false, problem: `holds no record in LoadGen's one-record-a-line form (line ${read.value.firstOtherLine ?? 1})` };
  return { ok: true, entries: read.value };
}

/** The records whose seq_id survives: the whole ones, and the record truncation cut when its seq_id is whole. */
export function survivingSeqIds(entries: AccuracyEntries): { readonly seqId: number; readonly qslIdx?: number; readonly line: number }[] {
  const whole: { seqId: number; qslIdx?: number; line: number }[] = entries.entries.map(({ seqId, qslIdx, line }) => ({ seqId, qslIdx, line }));
  return entries.cut === undefined ? whole : [...whole, cutSurvivor(entries.cut)];
}

function cutSurvivor(cut: CutEntry): { seqId: number; qslIdx?: number; line: number } {
  return cut.qslIdx === undefined ? { seqId: cut.seqId, line: cut.line } : { seqId: cut.seqId, qslIdx: cut.qslIdx, line: cut.line };
}

/** The records whose qsl_idx and payload (whole or in part) survive. */
export function comparableEntries(entries: AccuracyEntries): AccuracyEntry[] {
  const cut = entries.cut;
  if (cut?.qslIdx === undefined || cut.payload === undefined) return [...entries.entries];
  return [...entries.entries, { seqId: cut.seqId, qslIdx: cut.qslIdx, payload: cut.payload, line: cut.line }];
}

/** How LoadGen chose the responses of a performance run to log, as far as its detail log tells. */
export interface SamplingPlan {
  readonly offset: number;
  readonly threshold: Threshold;
  /** How the threshold was found, for messages: `4096 / 16599000` or the probability. */
  readonly thresholdText: string;
  /** The samples issued: seq_ids 0 … issued − 1. */
  readonly issued: number;
  /** Which log values give the issued count, for messages. */
  readonly issuedText: string;
  /** The performance sample set (loaded_qsl_set), when the log holds it. */
  readonly loadedSamples?: readonly number[];
  /** Offline without permutation: the query repeats the loaded set in order, so seq_id s is sample order[s mod n]. */
  readonly offlineOrder?: readonly number[];
}

export type SamplingPlanResult = { readonly ok: true; readonly plan: SamplingPlan } | { readonly ok: false; readonly reason: string };

const WINDOWS_PATH = /^[A-Za-z]:[\\/]|\\/;
const SCENARIOS_WITH_EXPECTED_LATENCY: Readonly<Record<string, string>> = {
  SingleStream: 'requested_single_stream_expected_latency_ns',
  MultiStream: 'requested_multi_stream_expected_latency_ns',
};

/**
 * The target QPS LoadGen worked with: the logged value rounded to 6 digits, or exactly 1e9 / expected latency for
 * SingleStream and MultiStream when that agrees with the logged value.
 */
function targetQps(log: MllogLog, scenario: string, logged: number): Threshold {
  const range = printedRange(logged);
  const latencyKey = SCENARIOS_WITH_EXPECTED_LATENCY[scenario];
  const latency = latencyKey === undefined ? undefined : numberValue(log.get(latencyKey));
  if (latency === undefined || latency <= 0) return range;
  const exact = 1e9 / latency;
  return exact >= range.low && exact <= range.high ? { low: exact, high: exact } : range;
}

/** The numeric values of the detail log the sampling depends on, by the name used here. */
const NUMERIC_SETTINGS = {
  samplingTarget: 'effective_accuracy_log_sampling_target',
  probability: 'effective_accuracy_log_probability',
  qps: 'effective_target_qps',
  minDurationMs: 'effective_min_duration_ms',
  samplesPerQuery: 'effective_samples_per_query',
  minQueryCount: 'effective_min_query_count',
  minSampleCount: 'effective_min_sample_count',
  queries: 'result_query_count',
} as const;

function numericSettings(log: MllogLog): { readonly values: Record<keyof typeof NUMERIC_SETTINGS, number> } | { readonly missing: readonly string[] } {
  const entries = Object.entries(NUMERIC_SETTINGS).map(([name, key]) => [name, key, numberValue(log.get(key))] as const);
  const missing = entries.filter(([, , value]) => value === undefined).map(([, key]) => key);
  if (missing.length > 0) return { missing };
  return { values: Object.fromEntries(entries.map(([name, , value]) => [name, value])) as Record<keyof typeof NUMERIC_SETTINGS, number> };
}

function flag(log: MllogLog, key: string): boolean {
  return log.get(key)?.value === true;
}

function formatProbability(threshold: Threshold): string {
  return threshold.low === threshold.high ? String(threshold.low) : `${threshold.low} … ${threshold.high}`;
}

/** The sampling plan of a TEST01 performance run, or why it cannot be reproduced from its detail log. */
export function samplingPlan(log: MllogLog, loaded: LoadedSampleSet): SamplingPlanResult {
  const fail = (reason: string): SamplingPlanResult => ({ ok: false, reason });
  if (loaded.sourceFile !== undefined && WINDOWS_PATH.test(loaded.sourceFile)) {
    return fail(`LoadGen was built on Windows (its log names ${loaded.sourceFile}), and MSVC's uniform_real_distribution draws other numbers than the libstdc++ one this check reproduces`);
  }
  const mode = log.get('effective_test_mode')?.value;
  if (mode !== 'PerformanceOnly') return fail(`the run's effective_test_mode is ${JSON.stringify(mode ?? null)}, not PerformanceOnly`);
  const runtimeError = log.errors.find((event) => event.key === 'error_runtime');
  if (runtimeError !== undefined) return fail(`LoadGen ended the run early (line ${runtimeError.line}: ${JSON.stringify(runtimeError.value)}), so which samples it issued is not known`);
  const seedText = integerText(log.get('effective_accuracy_log_rng_seed'));
  const scenario = log.get('effective_scenario')?.value;
  const read = numericSettings(log);
  const missing = [...(seedText === undefined ? ['effective_accuracy_log_rng_seed'] : []), ...(typeof scenario === 'string' ? [] : ['effective_scenario']), ...('missing' in read ? read.missing : [])];
  if (seedText === undefined || typeof scenario !== 'string' || 'missing' in read) return fail(`the detail log lacks values the sampling depends on (${missing.join(', ')})`);
  const { samplingTarget, probability, qps, minDurationMs, samplesPerQuery, minQueryCount, minSampleCount, queries } = read.values;
  if (samplingTarget <= 0 && probability <= 0) {
    return fail("the run logged neither an accuracy_log_sampling_target nor an accuracy_log_probability, so LoadGen sampled no response: it did not run with TEST01's audit.config");
  }
  const settings: SamplingSettings = {
    offline: scenario === 'Offline',
    targetQps: targetQps(log, scenario, qps),
    minDurationMs,
    samplesPerQuery,
    minQueryCount,
    minSampleCount,
    samplingTarget,
    probability: printedRange(probability),
  };
  const threshold = loggingThreshold(settings);
  // generated_samples_per_query is the query size LoadGen built (equal-issue Offline rounds it up to whole sets).
  const generatedPerQuery = numberValue(log.get('generated_samples_per_query'));
  const perQuery = generatedPerQuery ?? samplesPerQuery;
  const issued = queries * perQuery;
  const samples = loaded.samples;
  // LoadGen logs whether it permutes the Offline query only since v4.1; older builds permute it unlogged (equal-issue
  // models such as 3d-unet), so the order is known only where the log says false.
  const permutation = log.get('effective_sample_concatenate_permutation')?.value;
  const inOrder = settings.offline && permutation === false && !flag(log, 'effective_performance_issue_same') && !flag(log, 'effective_performance_issue_unique');
  return {
    ok: true,
    plan: {
      offset: accuracyLogOffset(BigInt(seedText)),
      threshold,
      thresholdText: samplingTarget > 0 ? `${samplingTarget} / expected_queries = ${formatProbability(threshold)}` : formatProbability(threshold),
      issued,
      issuedText: `result_query_count ${queries} × ${generatedPerQuery === undefined ? 'effective_samples_per_query' : 'generated_samples_per_query'} ${perQuery}`,
      // Kept as the list: a Set of a 200k-sample set per log cost more than the few lookups the entries need.
      ...(samples !== undefined && { loadedSamples: samples }),
      ...(samples !== undefined && samples.length > 0 && inOrder && { offlineOrder: samples }),
    },
  };
}

/** The TEST01 run's detail log and its loaded sample set; undefined when the log is missing or does not parse. */
export async function loadTest01Run(load: Load, index: SubmissionIndex, files: Test01Files): Promise<{ readonly log: MllogLog; readonly loaded: LoadedSampleSet } | undefined> {
  if (!index.isFile(files.detailLog)) return undefined;
  const [log, loaded] = await Promise.all([load(files.detailLog, mllogParser), load(files.detailLog, loadedSampleSetParser)]);
  if (!log.ok || log.value.problems.length > 0 || !loaded.ok) return undefined;
  return { log: log.value, loaded: loaded.value };
}

/** A list of numbers for a message: the first few, and how many more. */
export function firstFew(values: readonly (number | string)[], shown = 5): string {
  const head = values.slice(0, shown).join(', ');
  return values.length > shown ? `${head} and ${values.length - shown} more` : head;
}
