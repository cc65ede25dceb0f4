import { mllogParser, numberValue, type MllogLog } from '../../parsers/mllog.ts';
import type { Parser, ParseResult } from '../../parsers/parse-result.ts';
import type { RoundData, Scenario } from '../../rounds/types.ts';
import type { ScenarioUnit } from '../../tree/units.ts';
import { pythonFloat } from '../../util/python-float.ts';
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

export type MetricOutcome = { readonly ok: true; readonly metric: ResultMetric } | { readonly ok: false; readonly reason: string; readonly line?: number };

export type Load = <T>(path: string, parser: Parser<T>) => Promise<ParseResult<T>>;

/** Samples per query the inference formulas assume for MultiStream (rules §4.1). */
const MULTISTREAM_SAMPLES_PER_QUERY = 8;

/** Each result's metric exactly as the official checker computes it from the performance log (spec §1.9). */
export async function computeResultMetric(load: Load, unit: ScenarioUnit, round: RoundData, model: string): Promise<MetricOutcome> {
  const parsedLog = await load(performanceLogPath(unit.path), mllogParser);
  if (!parsedLog.ok) return { ok: false, reason: `the performance log ${parsedLog.problems[0]?.message ?? 'cannot be read'}` };
  const log = parsedLog.value;
  const effective = canonicalScenario(String(log.get('effective_scenario')?.value ?? ''));
  if (effective === undefined) return { ok: false, reason: 'the performance log has no effective_scenario' };
  const directory = canonicalScenario(unit.scenario) ?? effective;
  const modelData = Object.hasOwn(round.models, model) ? round.models[model] : undefined;
  const unitLabel = modelData?.units?.[directory] ?? round.units[directory] ?? '';

  if (directory !== effective && !(directory === 'Interactive' && effective === 'Server')) {
    const inferred = inferredMetric(log, effective, directory, unitLabel);
    // A pair the edge rules do not infer: the monolith reports the run's own metric under the folder's scenario;
    // perf/scenario-inference decides whether that is acceptable.
    if (inferred !== undefined) return inferred;
  }
  const key = modelData?.resultFields?.[effective] ?? round.resultFields[effective];
  if (key === undefined) return { ok: false, reason: `no result field is defined for ${effective}` };
  const raw = numberValue(log.get(key));
  if (raw === undefined) return { ok: false, reason: `the performance log has no numeric ${key}` };
  return metric(raw / latencyDivisor(effective, key, unitLabel), unitLabel, key, false);
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
