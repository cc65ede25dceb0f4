import { loadSystemDescription } from '../../checkers/inference/system-json.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'sys/json-valid',
  meta: {
    description: 'The system description is a readable JSON object.',
    category: 'sys',
    scope: 'system',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'submission_rules.adoc §5.7: each system is described by a JSON file in <division>/<submitter>/systems/.',
    messages: {
      invalid: 'The system description {{problem}}, so none of its fields can be read. Rewrite it as one plain JSON object of the system description fields (no comments, no trailing commas).',
    },
    // Both official checkers crash on the whole tree; we reject only the system whose description is broken.
    rejects: 'system',
    official: {},
  },
  async check({ unit, index, round, load, report }) {
    // A missing description (or a link that leads nowhere) is reported by the struct rules.
    if (!index.isFile(unit.systemJsonPath)) return;
    const description = await loadSystemDescription(load, round, unit.systemJsonPath);
    if (description.ok) return;
    for (const problem of description.problems) {
      report({ messageId: 'invalid', file: unit.systemJsonPath, line: problem.line, column: problem.column, data: { problem: problem.message } });
    }
  },
});
