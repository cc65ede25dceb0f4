import { computeResultMetric } from '../../checkers/inference/result-metric.ts';
import { modelOfUnit } from '../../checkers/inference/model-name.ts';
import { computePowerMetric, isPowerResult, powerCheckData, RULES_WATT_SCENARIOS } from '../../checkers/inference/power.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'pwr/metric',
  meta: {
    description: 'The power metric of a power result can be computed: average watts for Offline, Server and Interactive, millijoules per query for SingleStream and MultiStream.',
    category: 'pwr',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'inference_rules.adoc §4.1 and the MLPerf Power rules: power in watts for Offline and Server (and Interactive), energy per query for SingleStream and MultiStream.',
    messages: {
      noQueryCount: 'The energy per query cannot be computed: {{reason}}. Copy the complete detail log LoadGen wrote for the measured run.',
      unsupportedScenario: 'The official checker of this round has no power metric for a {{scenario}} result ({{reason}}), so it rejects it. Submit the power measurement for a scenario the round supports, or submit this result without power.',
    },
    // Both checkers fail with an exception (int(None), division by zero, an assertion on the scenario) and reject the result.
    rejects: 'scenario',
    official: {},
  },
  async check({ unit, round, profile, index, load, report }) {
    if (!isPowerResult(index, unit)) return;
    const model = await modelOfUnit(load, round, unit);
    const performance = await computeResultMetric(load, unit, round, model, profile);
    const wattScenarios = profile === 'official' ? powerCheckData(round).wattScenarios : RULES_WATT_SCENARIOS;
    const outcome = await computePowerMetric(load, unit, performance.ok ? performance.metric.value : undefined, wattScenarios);
    if (outcome.ok) return;
    // The other problems belong to perf/metric, pwr/window-samples and the file rules.
    const { kind, reason, line } = outcome.problem;
    const file = `${unit.path}/performance/run_1/mlperf_log_detail.txt`;
    if (kind === 'noQueryCount') report({ messageId: 'noQueryCount', file, data: { reason }, ...(line !== undefined && { line }) });
    else if (kind === 'unsupportedScenario') report({ messageId: 'unsupportedScenario', file: unit.path, data: { scenario: unit.scenario, reason } });
  },
});
