import { alternatives, jsonText, systemFieldProblems } from '../../checkers/inference/system-fields.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'sys/system-type',
  meta: {
    description: 'The system description gives a system type the round knows (datacenter, edge, or both).',
    category: 'sys',
    scope: 'system',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'submission_rules.adoc §5.7 (system_type); inference_rules.adoc §4.1.1 (the required scenarios of the datacenter and edge categories).',
    messages: {
      invalid: 'Field "system_type" is {{value}}, which is not a system category. Write exactly one of {{allowed}} (lower case, no spaces); it selects the scenarios each benchmark must have.',
    },
    rejects: 'system',
    official: {},
  },
  async check({ unit, round, load, report }) {
    for (const problem of await systemFieldProblems(load, round, unit, 'system-type')) {
      report({
        messageId: 'invalid',
        file: unit.systemJsonPath,
        ...problem.position,
        data: { value: jsonText(problem.value), allowed: alternatives(round.systemDescription.systemTypes) },
      });
    }
  },
});
