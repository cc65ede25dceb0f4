import { benchmarkScenarios, presentScenarios } from '../../checkers/inference/scenario-table.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'struct/server-or-interactive',
  meta: {
    description: 'In the closed and network divisions, a benchmark has at least one scenario of each group its model requires one of (Server or Interactive).',
    category: 'struct',
    scope: 'benchmark',
    severity: 'error',
    divisions: ['closed', 'network'],
    rounds: { since: 'v5.1' },
    ruleText: 'inference_rules.adoc §4.1.1 (datacenter LLM benchmarks require Offline and at least one of Server and Interactive).',
    messages: {
      noneOf: '{{path}} has no folder for any of the scenarios {{group}}; {{model}} on {{systemType}} systems needs at least one of them. Add the result of one of these scenarios.',
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
    for (const group of scenarios.table.oneOf ?? []) {
      if (group.some((scenario) => present.has(scenario))) continue;
      report({ messageId: 'noneOf', file: unit.path, data: { path: unit.path, group: group.join(', '), model: scenarios.model, systemType: scenarios.systemType } });
    }
  },
});
