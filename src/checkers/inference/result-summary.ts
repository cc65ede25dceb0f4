import { jsonObjectParser } from '../../parsers/json-object.ts';
import { mllogParser } from '../../parsers/mllog.ts';
import type { RoundData } from '../../rounds/types.ts';
import type { SubmissionIndex } from '../../tree/submission-index.ts';
import type { ScenarioUnit } from '../../tree/units.ts';
import { accuracyValues, type AccuracyValue } from './accuracy.ts';
import { endpointsFolderScenario, loadEndpointsLog } from './endpoints.ts';
import { isEndpointsResult, measurementsWeightDataTypes } from './measurements.ts';
import type { Load } from './result-metric.ts';
import { canonicalScenario, performanceLogPath } from './scenarios.ts';
import { loadSystemDescription } from './system-json.ts';

/** The system-description fields the official summary CSV copies (spec §2.1, §2.2). */
export const SUMMARY_SYSTEM_FIELDS = [
  'status',
  'system_type',
  'system_name',
  'number_of_nodes',
  'host_processor_model_name',
  'host_processors_per_node',
  'host_processor_core_count',
  'accelerator_model_name',
  'accelerators_per_node',
  'framework',
  'operating_system',
  'hw_notes',
  'sw_notes',
  'system_power_only',
] as const;

export type SummarySystemField = (typeof SUMMARY_SYSTEM_FIELDS)[number];

/** What the official summary CSV says about a result besides its verdict and metric. */
export interface ResultSummary {
  /** The system-description fields the CSV copies, as parsed; absent fields are left out. */
  readonly system: Readonly<Partial<Record<SummarySystemField, unknown>>>;
  /** `weight_data_types` of the result's measurements JSON, as parsed; absent when there is none. */
  readonly weightDataTypes?: unknown;
  /** The accuracy values the official checker reads from accuracy.txt, in the order it records them. */
  readonly accuracy: readonly AccuracyValue[];
  /** `effective_scenario` of the performance log, as written (for an endpoints result, config.yaml's `type`). */
  readonly effectiveScenario?: string;
  /** The scenario the official checker records when it is not the folder name: `server` for an endpoints `Online` folder. */
  readonly recordedScenario?: string;
}

/** Collects a result's summary from the files its rules already parsed (the loads are memoized). */
export async function collectResultSummary(load: Load, index: SubmissionIndex, round: RoundData, unit: ScenarioUnit, model: string): Promise<ResultSummary> {
  const endpoints = isEndpointsResult(round, index, unit);
  const [system, weightDataTypes, accuracy, effectiveScenario] = await Promise.all([
    systemFields(load, round, unit),
    measurementsWeightDataTypes(load, index, round, unit),
    accuracyValues(load, round, unit, model),
    endpoints ? endpointsEffectiveScenarioText(load, unit) : performanceEffectiveScenario(load, unit),
  ]);
  // loader.py (#2626) records an endpoints result of an `Online` folder as `server`.
  const recordedScenario = endpoints && canonicalScenario(unit.scenario) === undefined ? endpointsFolderScenario(round, unit.scenario)?.toLowerCase() : undefined;
  return {
    system,
    ...(weightDataTypes !== undefined && { weightDataTypes }),
    accuracy,
    ...(effectiveScenario !== undefined && { effectiveScenario }),
    ...(recordedScenario !== undefined && { recordedScenario }),
  };
}

async function systemFields(load: Load, round: RoundData, unit: ScenarioUnit): Promise<ResultSummary['system']> {
  const description = await loadSystemDescription(load, round, unit.parent.parent.systemJsonPath);
  if (!description.ok) return {};
  const json = description.value.json;
  return Object.fromEntries(SUMMARY_SYSTEM_FIELDS.filter((field) => Object.hasOwn(json, field)).map((field) => [field, json[field]]));
}

async function endpointsEffectiveScenarioText(load: Load, unit: ScenarioUnit): Promise<string | undefined> {
  const value = (await loadEndpointsLog(load, unit.path, 'performance')).get('effective_scenario')?.value;
  return typeof value === 'string' ? value : undefined;
}

async function performanceEffectiveScenario(load: Load, unit: ScenarioUnit): Promise<string | undefined> {
  const log = await load(performanceLogPath(unit.path), mllogParser);
  const value = log.ok ? log.value.get('effective_scenario')?.value : undefined;
  return typeof value === 'string' ? value : undefined;
}
