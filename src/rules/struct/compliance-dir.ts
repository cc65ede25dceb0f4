import { modelOfUnit } from '../../checkers/inference/model-name.ts';
import { roundModel } from '../../checkers/inference/scenario-table.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'struct/compliance-dir',
  meta: {
    description: 'Up to v5.1, in the closed and network divisions, each result whose model has compliance tests has its folder compliance/<system>/<benchmark>/<scenario>/.',
    category: 'struct',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'network'],
    rounds: {},
    ruleText: 'submission_rules.adoc §5.6 (compliance/<system>/<benchmark>/<scenario>/TESTxx); the audit tests of the compliance folder of mlcommons/inference, required in the closed and network divisions.',
    messages: {
      missing: 'Folder {{path}} is missing, so this result has none of the compliance tests {{model}} requires ({{tests}}). Run them and copy the output of each test into {{path}}/<test>.',
    },
    rejects: 'scenario',
    official: { rounds: { until: 'v5.1' } },
  },
  async check({ unit, round, load, index, report }) {
    // From v6.0 the TESTxx folders sit in the result folder itself; the compliance rules check each test there.
    if (round.layout !== 'separate' || index.isDirectory(unit.compliancePath)) return;
    const model = await modelOfUnit(load, round, unit);
    const tests = roundModel(round, model)?.complianceTests ?? [];
    if (tests.length === 0) return;
    report({ messageId: 'missing', file: unit.compliancePath, data: { path: unit.compliancePath, model, tests: tests.join(', ') } });
  },
});
