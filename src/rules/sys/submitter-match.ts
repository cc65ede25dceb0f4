import { jsonText } from '../../checkers/inference/system-fields.ts';
import { loadSystemDescription } from '../../checkers/inference/system-json.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'sys/submitter-match',
  meta: {
    description: 'The submitter named in the system description is the submitter folder it is filed under.',
    category: 'sys',
    scope: 'system',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'submission_rules.adoc §5.6 (<division>/<submitter>/ layout) and §5.7 (submitter field).',
    messages: {
      mismatch: 'Field "submitter" is {{value}}, but the system is filed under the submitter folder "{{folder}}". Write the organisation name of the folder (case does not matter), or move the system to its own submitter folder.',
    },
    rejects: 'system',
    official: {},
  },
  async check({ unit, round, load, report }) {
    const description = await loadSystemDescription(load, round, unit.systemJsonPath);
    if (!description.ok) return;
    const submitter = description.value.json['submitter'];
    // An absent field is sys/required-fields' finding.
    if (submitter === undefined) return;
    if (typeof submitter === 'string' && submitter.toLowerCase() === unit.submitter.toLowerCase()) return;
    report({
      messageId: 'mismatch',
      file: unit.systemJsonPath,
      ...description.value.positionOf('submitter'),
      data: { value: jsonText(submitter), folder: unit.submitter },
    });
  },
});
