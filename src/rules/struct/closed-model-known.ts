import { modelOfUnit } from '../../checkers/inference/model-name.ts';
import { roundModel } from '../../checkers/inference/scenario-table.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'struct/closed-model-known',
  meta: {
    description: 'In the closed and network divisions, every benchmark folder stands for a model of the round.',
    category: 'struct',
    scope: 'benchmark',
    severity: 'error',
    divisions: ['closed', 'network'],
    rounds: {},
    ruleText: 'inference_rules.adoc §4.1 (the benchmarks of the datacenter and edge suites) and §6.1 (the closed division runs the reference model of each benchmark).',
    messages: {
      unknownModel: 'Benchmark folder "{{benchmark}}" names no model of round {{round}}. Rename the folder to the model it runs ({{models}}), or submit the result in the open division.',
    },
    // The monolith skips the benchmark; the modular checker crashes on the whole tree, so we reject the benchmark.
    rejects: 'benchmark',
    official: {},
  },
  async check({ unit, round, load, report }) {
    const model = await modelOfUnit(load, round, unit);
    if (roundModel(round, model) !== undefined) return;
    report({ messageId: 'unknownModel', file: unit.path, data: { benchmark: unit.benchmark, round: round.id, models: Object.keys(round.models).join(', ') } });
  },
});
