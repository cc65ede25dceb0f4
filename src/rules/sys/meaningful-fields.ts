import { jsonText, systemFieldProblems } from '../../checkers/inference/system-fields.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'sys/meaningful-fields',
  meta: {
    description: 'The system description fields that the results tables publish are not empty.',
    category: 'sys',
    scope: 'system',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'submission_rules.adoc §5.7 (system description fields); the results tables are built from them.',
    messages: {
      empty: 'Field "{{field}}" is {{value}}, but it must describe the system. Fill it in (write "N/A" where the item does not exist, e.g. no host network).',
      zero: 'Field "{{field}}" is the number 0, which the official checker reads as empty (Python treats 0 as false) and rejects. Write it as a non-empty string instead, e.g. "accelerators_per_node": "0" for a CPU-only system.',
    },
    rejects: 'system',
    official: {},
  },
  async check({ unit, round, load, report }) {
    for (const problem of await systemFieldProblems(load, round, unit, 'meaningful')) {
      report({
        messageId: problem.value === 0 ? 'zero' : 'empty',
        file: unit.systemJsonPath,
        ...problem.position,
        data: { field: problem.field, value: jsonText(problem.value) },
      });
    }
  },
});
