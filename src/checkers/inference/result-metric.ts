import { mllogParser, numberValue, type MllogLog } from '../../parsers/mllog.ts';
import type { Parser, ParseResult } from '../../parsers/parse-result.ts';
import type { ModelData, RoundData, Scenario } from '../../rounds/types.ts';
import type { Profile } from '../../rules/rule.ts';
import type { ScenarioUnit } from '../../tree/units.ts';
import { pythonFloat } from '../../util/python-float.ts';
import { endpointsEffectiveScenario, endpointsFolderScenario, endpointsSummaryPath, isEndpointsRun, loadEndpointsLog } from './endpoints.ts';
import { roundModel } from './scenario-table.ts';
import { canonicalScenario, performanceLogPath } from './scenarios.ts';

export interface ResultMetric {
  readonly value: number;
  /** The value as the official checker prints it (Python float repr). */
  readonly text: string;
  readonly unit: string;
  /** The MLLOG key the value comes from. */
  readonly key: string;
  /** Derived from a run of another scenario (edge rules: MultiStream or Offline from SingleStream, ...). */
  readonly inferred: boolean;
}

export type MetricOutcome =
  | { readonly ok: true; readonly metric: ResultMetric }
  /** `missingKey`: the metric's key, when the log lacks it. */
  | { readonly ok: false; readonly reason: string; readonly line?: number; readonly missingKey?: string };

export type Load = <T>(path: string, parser: Parser<T>) => Promise<ParseResult<T>>;

/** Samples per query the inference formulas assume for MultiStream (rules §4.1). */
const MULTISTREAM_SAMPLES_PER_QUERY = 8;

/**
 * Each result's metric exactly as the official checker computes it from the performance log (spec §1.9), or for an
 * endpoints result from the keys of its config.yaml and result_summary.json. The profile matters for endpoints only:
 * see {@link endpointsMetricKey}.
 */
export async function computeResultMetric(load: Load, unit: ScenarioUnit, round: RoundData, model: string, profile: Profile): Promise<MetricOutcome> {
  const run = (await isEndpointsRun(load, round, unit.path)) ? await endpointsRun(load, unit, round, model, profile) : await loadgenRun(load, unit, round, model);
  if (!run.ok) return run;
  const { log, effective, directory, unitLabel } = run;
  if (directory !== effective && !(directory === 'Interactive' && effective === 'Server')) {
    const inferred = inferredMetric(log, effective, directory, unitLabel);
    // A pair the edge rules do not infer: the monolith reports the run's own metric under the folder's scenario;
    // perf/scenario-inference decides whether that is acceptable.
    if (inferred !== undefined) return inferred;
  }
  const raw = numberValue(log.get(run.key));
  if (raw === undefined) return { ok: false, reason: `${run.source} has no numeric ${run.key}${run.note}`, missingKey: run.key };
  return metric(raw / latencyDivisor(effective, run.key, unitLabel), unitLabel, run.key, false);
}

/** The log a metric is read from, the scenarios it is computed for, and the key of the run's own metric. */
type MetricRun =
  | {
      readonly ok: true;
      readonly log: MllogLog;
      /** What the reason of a failure calls the log, and what it adds about unreadable files. */
      readonly source: string;
      readonly note: string;
      readonly effective: Scenario;
      readonly directory: Scenario;
      readonly key: string;
      readonly unitLabel: string;
    }
  | { readonly ok: false; readonly reason: string };

async function loadgenRun(load: Load, unit: ScenarioUnit, round: RoundData, model: string): Promise<MetricRun> {
  const parsedLog = await load(performanceLogPath(unit.path), mllogParser);
  if (!parsedLog.ok) return { ok: false, reason: `the performance log ${parsedLog.problems[0]?.message ?? 'cannot be read'}` };
  const log = parsedLog.value;
  const effective = canonicalScenario(String(log.get('effective_scenario')?.value ?? ''));
  if (effective === undefined) return { ok: false, reason: 'the performance log has no effective_scenario' };
  const directory = canonicalScenario(unit.scenario) ?? effective;
  const modelData = roundModel(round, model);
  const key = modelData?.resultFields?.[effective] ?? round.resultFields[effective];
  if (key === undefined) return { ok: false, reason: `no result field is defined for ${effective}` };
  return { ok: true, log, source: 'the performance log', note: '', effective, directory, key, unitLabel: unitLabelOf(round, modelData, directory) };
}

async function endpointsRun(load: Load, unit: ScenarioUnit, round: RoundData, model: string, profile: Profile): Promise<MetricRun> {
  const log = await loadEndpointsLog(load, unit.path, 'performance');
  const note = log.unreadable.length > 0 ? ` (${log.unreadable.join('; ')})` : '';
  const effective = endpointsEffectiveScenario(log.get('effective_scenario')?.value, unit.scenario);
  if (effective === undefined) return { ok: false, reason: `config.yaml gives no scenario (its "type")${note}` };
  if (effective.scenario === undefined) return { ok: false, reason: `config.yaml names the scenario "${effective.text}", for which no result field is defined` };
  const modelData = roundModel(round, model);
  const directory = endpointsFolderScenario(round, unit.scenario) ?? effective.scenario;
  const key = endpointsMetricKey(round, modelData, effective.scenario, effective.text, profile);
  if (key === undefined) return { ok: false, reason: `no result field is defined for endpoints ${effective.scenario} results` };
  const source = `the endpoints performance summary ${endpointsSummaryPath(unit.path)}`;
  return { ok: true, log, source, note, effective: effective.scenario, directory, key, unitLabel: unitLabelOf(round, modelData, directory) };
}

/**
 * The metric key of an endpoints result: the round's endpoints key for its scenario, overridden by the model's LoadGen
 * key as the official checker does since #2649. The official lookup of the override is case-sensitive (a config
 * `type: offline` misses the `Offline` override), and it does not know that the endpoints parser never writes some of
 * the keys (an LLM's Offline result_tokens_per_second), so such results have no metric; the recommended profile
 * applies the override whatever the case and reads the key the endpoints log does carry.
 */
function endpointsMetricKey(round: RoundData, modelData: ModelData | undefined, scenario: Scenario, written: string, profile: Profile): string | undefined {
  const policy = round.endpoints;
  const override = modelData?.resultFields?.[scenario];
  if (override === undefined) return policy?.resultFields[scenario];
  if (profile === 'official') return written === scenario ? override : policy?.resultFields[scenario];
  return policy?.resultFieldSubstitutes[override] ?? override;
}

function unitLabelOf(round: RoundData, modelData: ModelData | undefined, directory: Scenario): string {
  return modelData?.units?.[directory] ?? round.units[directory] ?? '';
}

function inferredMetric(log: MllogLog, from: Scenario, to: Scenario, unitLabel: string): MetricOutcome | undefined {
  const need = (key: string): number | undefined => numberValue(log.get(key));
  if (from === 'SingleStream' && to === 'Offline') {
    const qps = need('result_qps_without_loadgen_overhead');
    return qps === undefined ? missing('result_qps_without_loadgen_overhead') : metric(qps, unitLabel, 'result_qps_without_loadgen_overhead', true);
  }
  if (from === 'MultiStream' && to === 'Offline') {
    const samplesPerQuery = need('effective_samples_per_query');
    const meanLatency = need('result_mean_query_latency_ns');
    if (samplesPerQuery === undefined || meanLatency === undefined) return missing('effective_samples_per_query and result_mean_query_latency_ns');
    return metric((samplesPerQuery * 1000) / (meanLatency / 1e6), unitLabel, 'result_mean_query_latency_ns', true);
  }
  if (from === 'SingleStream' && to === 'MultiStream') {
    const estimate = need('early_stopping_latency_ms') ?? need('result_99.00_percentile_per_query_latency_ns');
    if (estimate === undefined) return missing('early_stopping_latency_ms');
    return metric((estimate * MULTISTREAM_SAMPLES_PER_QUERY) / 1e6, unitLabel, 'early_stopping_latency_ms', true);
  }
  return undefined;
}

/** LoadGen logs latencies in nanoseconds; results are reported in ms (or s where the unit says so). */
function latencyDivisor(scenario: Scenario, key: string, unitLabel: string): number {
  const isLatency = scenario === 'SingleStream' || scenario === 'MultiStream' || key.endsWith('_ns');
  if (!isLatency) return 1;
  return unitLabel === 'Latency (s)' ? 1e9 : 1e6;
}

function metric(value: number, unit: string, key: string, inferred: boolean): MetricOutcome {
  return { ok: true, metric: { value, text: pythonFloat(value), unit, key, inferred } };
}

function missing(keys: string): MetricOutcome {
  return { ok: false, reason: `the performance log has no ${keys}` };
}
