import type { RoundData } from '../../rounds/types.ts';
import type { Profile } from '../../rules/rule.ts';
import type { SubmissionIndex } from '../../tree/submission-index.ts';
import type { ScenarioUnit } from '../../tree/units.ts';
import type { ResultFacts } from '../verdicts.ts';
import { resultScenario } from './endpoints.ts';
import { modelOfUnit } from './model-name.ts';
import { computePowerMetric, isPowerResult } from './power.ts';
import { computeResultMetric, type Load } from './result-metric.ts';
import { collectResultSummary } from './result-summary.ts';
import { benchmarkScenarios } from './scenario-table.ts';

/**
 * What the verdict and the reports say about one result besides its findings: its model, metric, power metric and
 * what the summary CSV copies. Collected right after the result's rules ran, while its parsed files are still cached.
 */
export async function collectResultFacts(load: Load, index: SubmissionIndex, round: RoundData, unit: ScenarioUnit, profile: Profile): Promise<ResultFacts> {
  const model = await modelOfUnit(load, round, unit);
  const [outcome, summary, scenarios] = await Promise.all([
    computeResultMetric(load, unit, round, model, profile),
    collectResultSummary(load, index, round, unit, model),
    benchmarkScenarios(load, round, unit),
  ]);
  const scenario = resultScenario(round, index, unit);
  const requiredScenario = unit.division !== 'open' && scenario !== undefined && scenarios?.table?.required.includes(scenario) === true;
  const power = isPowerResult(index, unit) ? await computePowerMetric(load, unit, outcome.ok ? outcome.metric.value : undefined) : undefined;
  return {
    model,
    requiredScenario,
    ...(outcome.ok && { metric: outcome.metric }),
    ...(power?.ok && { power: { value: power.power.value, text: power.power.text, unit: power.power.unit, efficiency: power.power.efficiency } }),
    summary,
  };
}
