import { benchmarkScenarios, presentScenarios } from '../../checkers/inference/scenario-table.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'struct/required-scenarios',
  meta: {
    description: "In the closed and network divisions, a benchmark has a folder for every scenario its model requires on the system's category.",
    category: 'struct',
    scope: 'benchmark',
    severity: 'error',
    divisions: ['closed', 'network'],
    rounds: {},
    ruleText: 'inference_rules.adoc §4.1.1 (the required scenarios of each benchmark per system category); submission_rules.adoc §5.6 (results/<system>/<benchmark>/<scenario>).',
    messages: {
      missing: 'Scenario {{scenario}} is required for {{model}} on {{systemType}} systems, but {{path}} has no {{scenario}} folder. Add the {{scenario}} result; without it the benchmark cannot be published in the {{division}} division.',
    },
    // The monolith records the benchmark after judging its results, which keep their verdicts; the modular
    // checker fails every result of the benchmark.
    rejects: { monolith: 'benchmark-record', modular: 'benchmark' },
    official: {},
  },
  async check({ unit, round, load, index, report }) {
    const scenarios = await benchmarkScenarios(load, round, unit);
    if (scenarios?.table === undefined) return;
    const present = presentScenarios(round, index, unit.path);
    for (const scenario of scenarios.table.required) {
      if (present.has(scenario)) continue;
      report({ messageId: 'missing', file: unit.path, data: { scenario, model: scenarios.model, systemType: scenarios.systemType, path: unit.path, division: unit.division } });
    }
  },
});
