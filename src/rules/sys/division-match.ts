import { jsonText } from '../../checkers/inference/system-fields.ts';
import { loadSystemDescription } from '../../checkers/inference/system-json.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'sys/division-match',
  meta: {
    description: 'The division named in the system description is the division folder it is filed under, spelled the same.',
    category: 'sys',
    scope: 'system',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'submission_rules.adoc §5.6 (<division>/<submitter>/ layout) and §5.7 (division field); inference_rules.adoc §6 (divisions).',
    messages: {
      mismatch: 'Field "division" is {{value}}, but the system is filed under the "{{folder}}" division folder. Write "{{folder}}" exactly (lower case), or move the system to the folder of its division.',
    },
    rejects: 'system',
    official: {},
  },
  async check({ unit, round, profile, load, report }) {
    const description = await loadSystemDescription(load, round, unit.systemJsonPath);
    if (!description.ok) return;
    const division = description.value.json['division'];
    // An absent field is sys/required-fields' finding.
    if (division === undefined) return;
    // The modular checker compares lower-cased names, the monolith exact ones: "Closed" passes only from v6.0 on.
    const ignoreCase = profile === 'official' && round.officialChecker.kind === 'modular';
    const matches = typeof division === 'string' && (ignoreCase ? division.toLowerCase() === unit.division : division === unit.division);
    if (matches) return;
    report({
      messageId: 'mismatch',
      file: unit.systemJsonPath,
      ...description.value.positionOf('division'),
      data: { value: jsonText(division), folder: unit.division },
    });
  },
});
