import type { ModelData, RoundData, Scenario, ScenarioSet, SystemCategory } from '../../rounds/types.ts';
import type { SubmissionIndex } from '../../tree/submission-index.ts';
import type { BenchmarkUnit, ScenarioUnit } from '../../tree/units.ts';
import { modelOfUnit } from './model-name.ts';
import type { Load } from './result-metric.ts';
import { endpointsFolderScenario } from './endpoints.ts';
import { isEndpointsResult } from './measurements.ts';
import { canonicalScenario } from './scenarios.ts';
import { loadSystemDescription, systemCategory } from './system-json.ts';

/** What decides the scenarios a benchmark folder must and may hold: its model and its system's category. */
export interface BenchmarkScenarios {
  /** The official model the folder maps to. */
  readonly model: string;
  /** The round's data for that model; undefined when the folder maps to no model of the round. */
  readonly modelData: ModelData | undefined;
  /** `system_type` as the system description writes it. */
  readonly systemType: string;
  readonly category: SystemCategory;
  /** The model's scenario table for the category; undefined when the round does not run the model on such systems. */
  readonly table: ScenarioSet | undefined;
}

/**
 * The model and scenario table of a benchmark folder (or of the folder a result is in). Undefined when the system
 * description is missing, unreadable or has a `system_type` no table knows: the `sys/*` rules report those.
 */
export async function benchmarkScenarios(load: Load, round: RoundData, unit: BenchmarkUnit | ScenarioUnit): Promise<BenchmarkScenarios | undefined> {
  const system = unit.kind === 'benchmark' ? unit.parent : unit.parent.parent;
  const description = await loadSystemDescription(load, round, system.systemJsonPath);
  if (!description.ok) return undefined;
  const systemType = description.value.json['system_type'];
  const category = systemCategory(systemType);
  if (category === undefined || typeof systemType !== 'string') return undefined;
  const model = await modelOfUnit(load, round, unit);
  const modelData = roundModel(round, model);
  return { model, modelData, systemType, category, table: modelData?.scenarios[category] };
}

/** The round's data for an official model name; a name such as `constructor` is not a model. */
export function roundModel(round: RoundData, model: string): ModelData | undefined {
  return Object.hasOwn(round.models, model) ? round.models[model] : undefined;
}

export function allowedScenarios(table: ScenarioSet): Scenario[] {
  return [...table.required, ...(table.optional ?? [])];
}

/**
 * The scenarios a benchmark folder holds a folder for, by canonical name (the checkers accept any case; an endpoints
 * result in an `Online` folder is a Server result).
 */
export function presentScenarios(round: RoundData, index: SubmissionIndex, benchmarkPath: string): Set<Scenario> {
  const present = new Set<Scenario>();
  for (const name of index.directoryNames(benchmarkPath)) {
    const path = `${benchmarkPath}/${name}`;
    const scenario = isEndpointsResult(round, index, { path }) ? endpointsFolderScenario(round, name) : canonicalScenario(name);
    if (scenario !== undefined) present.add(scenario);
  }
  return present;
}
