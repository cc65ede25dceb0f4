import type { RoundData } from '../../rounds/types.ts';
import type { ScenarioUnit } from '../../tree/units.ts';
import type { ResultFacts } from '../verdicts.ts';
import { modelOfUnit } from './model-name.ts';
import { computeResultMetric, type Load } from './result-metric.ts';

/**
 * What the verdict and the reports say about one result besides its findings: its model and metric. Collected right
 * after the result's rules ran, while its parsed files are still cached.
 */
export async function collectResultFacts(load: Load, round: RoundData, unit: ScenarioUnit): Promise<ResultFacts> {
  const model = await modelOfUnit(load, round, unit);
  const outcome = await computeResultMetric(load, unit, round, model);
  return { model, ...(outcome.ok && { metric: outcome.metric }) };
}
