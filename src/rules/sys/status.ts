import { alternatives, jsonText, systemFieldProblems } from '../../checkers/inference/system-fields.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'sys/status',
  meta: {
    description: 'The system description gives an availability status the round knows (available, preview or rdi).',
    category: 'sys',
    scope: 'system',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'submission_rules.adoc §7.3 (availability categories: Available, Preview, Research/Development/Internal) and §5.7.',
    messages: {
      invalid: 'Field "status" is {{value}}, which is not an availability category. Write one of {{allowed}} as a string (case does not matter).',
    },
    rejects: 'system',
    official: {},
  },
  async check({ unit, round, load, report }) {
    for (const problem of await systemFieldProblems(load, round, unit, 'status')) {
      report({
        messageId: 'invalid',
        file: unit.systemJsonPath,
        ...problem.position,
        data: { value: jsonText(problem.value), allowed: alternatives(round.systemDescription.statuses) },
      });
    }
  },
});
