import { loadSystemDescription } from '../../checkers/inference/system-json.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'sys/required-fields',
  meta: {
    description: 'The system description has every field the round requires (and the network fields for a network system).',
    category: 'sys',
    scope: 'system',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'submission_rules.adoc §5.7 (system description fields); inference_rules.adoc §6.2 for network systems.',
    messages: {
      missing: 'Field "{{field}}" is missing from the system description. Add it (an empty string is allowed only for fields that do not need a meaningful value).',
      missingNetwork: 'Field "{{field}}" is missing; a network system (is_network "true") must describe its network. Add it.',
    },
    rejects: 'system',
    official: {},
  },
  async check({ unit, round, load, report }) {
    const description = await loadSystemDescription(load, round, unit.systemJsonPath);
    if (!description.ok) return;
    for (const problem of description.value.fieldProblems) {
      if (problem.kind !== 'required' && problem.kind !== 'network-required') continue;
      report({
        messageId: problem.kind === 'required' ? 'missing' : 'missingNetwork',
        file: unit.systemJsonPath,
        ...problem.position,
        data: { field: problem.field },
      });
    }
  },
});
