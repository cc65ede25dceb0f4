import { resultScenario } from '../../checkers/inference/endpoints.ts';
import { allowedScenarios, benchmarkScenarios } from '../../checkers/inference/scenario-table.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'struct/scenario-allowed',
  meta: {
    description: "In the closed and network divisions, each scenario folder is a required or optional scenario of the benchmark for the system's category.",
    category: 'struct',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'network'],
    rounds: {},
    ruleText: 'inference_rules.adoc §3 (scenarios) and §4.1.1 (the required scenarios of each benchmark per system category).',
    messages: {
      notAllowed: 'Scenario folder "{{scenario}}" is not a scenario of {{model}} on {{systemType}} systems (allowed: {{allowed}}). Remove the folder, or rename it if it holds one of the allowed scenarios.',
    },
    // The monolith rejects the result; the modular checker marks every result of the benchmark invalid.
    rejects: { monolith: 'scenario', modular: 'benchmark' },
    official: {},
    stage: 'measurements',
  },
  async check({ unit, round, load, index, report }) {
    const scenarios = await benchmarkScenarios(load, round, unit);
    // Without a table the model or the category is wrong, which struct/closed-model-known and
    // struct/model-valid-for-system-type report.
    if (scenarios?.table === undefined) return;
    const allowed = allowedScenarios(scenarios.table);
    const scenario = resultScenario(round, index, unit);
    if (scenario !== undefined && allowed.includes(scenario)) return;
    report({ messageId: 'notAllowed', file: unit.path, data: { scenario: unit.scenario, model: scenarios.model, systemType: scenarios.systemType, allowed: allowed.join(', ') } });
  },
});
