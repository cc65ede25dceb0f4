import { jsonParser } from '../../parsers/json-file.ts';
import type { RoundData } from '../../rounds/types.ts';
import type { BenchmarkUnit, ScenarioUnit } from '../../tree/units.ts';
import type { Load } from './result-metric.ts';

/**
 * The official model a benchmark directory stands for, as the official checker maps it: the name itself when
 * it is a model of the round, else the round's aliases, else (open division only) the submitter's
 * `model_mapping.json`, else the round's substring heuristics, else the name unchanged.
 */
export function officialModelName(directory: string, round: RoundData, submitterMapping?: Readonly<Record<string, unknown>>): string {
  // Own properties only: a folder named "constructor" is not a model.
  if (Object.hasOwn(round.models, directory)) return directory;
  if (Object.hasOwn(round.modelAliases, directory)) return round.modelAliases[directory] as string;
  const mapped = submitterMapping && Object.hasOwn(submitterMapping, directory) ? submitterMapping[directory] : undefined;
  if (typeof mapped === 'string' && mapped !== '') return mapped;
  return round.modelHeuristics.find((rule) => directory.includes(rule.contains))?.model ?? directory;
}

/** The official model of a benchmark folder, honouring the submitter's `model_mapping.json` in the open division. */
export async function modelOfUnit(load: Load, round: RoundData, unit: BenchmarkUnit | ScenarioUnit): Promise<string> {
  const submitterPath = `${unit.division}/${unit.submitter}`;
  const mapping = unit.division === 'open' ? await load(`${submitterPath}/model_mapping.json`, jsonParser) : undefined;
  const submitterMapping = mapping?.ok && typeof mapping.value === 'object' && mapping.value !== null ? (mapping.value as Record<string, unknown>) : undefined;
  return officialModelName(unit.benchmark, round, submitterMapping);
}
