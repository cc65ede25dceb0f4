import { textParser } from '../../parsers/text-file.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'struct/code-dir',
  meta: {
    description: 'The code that produced each result is in the submission: code/<benchmark> up to v5.1, src/ from v6.0.',
    category: 'struct',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'submission_rules.adoc §5.6 (the code folder of a submitter) and §5.11 (results must be reproducible from the submitted source); inference_rules.adoc §2.7 (replicability is mandatory).',
    messages: {
      missing: '{{path}} is missing, so the code that produced this result is not part of the submission. Add the code of the implementation there.',
      pointerToNothing: '{{path}} is a file naming the code folder "{{target}}", but {{targetPath}} does not exist. Put the code there, or correct the folder name in {{path}}.',
    },
    // Both checkers fail the measurement checks of the result (the monolith records the measurements folder too).
    rejects: 'measurements',
    official: {},
    stage: 'measurements',
  },
  async check({ unit, round, index, load, report }) {
    const submitterPath = `${unit.division}/${unit.submitter}`;
    if (round.codeDirectory === 'src') {
      const path = `${submitterPath}/src`;
      if (!index.exists(path)) report({ messageId: 'missing', file: path, data: { path } });
      return;
    }
    const path = `${submitterPath}/code/${unit.benchmark}`;
    if (!index.exists(path)) {
      report({ messageId: 'missing', file: path, data: { path } });
      return;
    }
    // Up to v5.1 code/<benchmark> may be a file whose text names the folder that holds the code (shared by the
    // -99 and -99.9 variants of a model, for instance).
    if (!index.isFile(path)) return;
    const pointer = await load(path, textParser);
    if (!pointer.ok) return;
    const target = pointer.value.trim();
    const targetPath = `${submitterPath}/code/${target}`;
    if (!index.isDirectory(targetPath)) report({ messageId: 'pointerToNothing', file: path, line: 1, data: { path, target, targetPath } });
  },
});
