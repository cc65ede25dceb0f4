import { benchmarkScenarios } from '../../checkers/inference/scenario-table.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'struct/model-valid-for-system-type',
  meta: {
    description: "The benchmark's model is run in this round on systems of the category the system description declares.",
    category: 'struct',
    scope: 'benchmark',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'inference_rules.adoc §4.1 (the benchmarks of the datacenter and edge suites), §4.1.1 (required scenarios per system category) and §4.1.2 (an open result must perform the task of a closed benchmark).',
    messages: {
      notForCategory: 'Model "{{model}}" is not a benchmark for {{systemType}} systems in round {{round}}, yet system "{{system}}" declares system_type "{{systemType}}". Correct system_type in {{systemJson}} if the system belongs to another category, or remove this benchmark from the system.',
      unmappedModel: 'Benchmark folder "{{benchmark}}" stands for "{{model}}", which is not a model of round {{round}}, so its required scenarios are unknown. Map the folder to the model whose task it runs with an entry in {{mapping}}, or rename it after that model.',
    },
    // The monolith skips the benchmark in every division; the modular checker crashes on the whole tree in the
    // closed and network divisions (open: not checked), so we reject the benchmark.
    rejects: 'benchmark',
    official: {},
  },
  async check({ unit, round, load, profile, report }) {
    const open = unit.division === 'open';
    // The modular checker looks up the scenario table only for the closed and network divisions.
    if (profile === 'official' && open && round.officialChecker.kind === 'modular') return;
    const scenarios = await benchmarkScenarios(load, round, unit);
    if (scenarios === undefined || scenarios.table !== undefined) return;
    const { model, systemType } = scenarios;
    if (scenarios.modelData !== undefined) {
      const systemJson = unit.parent.systemJsonPath;
      report({ messageId: 'notForCategory', file: unit.path, data: { model, systemType, round: round.id, system: unit.system, systemJson } });
      return;
    }
    // In the closed and network divisions struct/closed-model-known reports a folder that maps to no model.
    if (!open) return;
    const mapping = `${unit.division}/${unit.submitter}/model_mapping.json`;
    report({ messageId: 'unmappedModel', file: unit.path, data: { benchmark: unit.benchmark, model, round: round.id, mapping } });
  },
});
