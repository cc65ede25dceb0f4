import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'struct/files-outside-submitter',
  meta: {
    description: 'A division folder holds only submitter folders, no files.',
    category: 'struct',
    scope: 'division',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'submission_rules.adoc §5.6 (directory structure): each division folder holds one folder per submitter.',
    messages: {
      fileInDivision: 'File "{{name}}" sits directly in the {{division}} division folder, outside every submitter folder. Move it into your submitter folder (for example {{division}}/<submitter>/documentation/), or delete it.',
    },
    // The monolith rejects the whole division and audits nothing in it; the modular checker does not look.
    rejects: 'division',
    official: { rounds: { until: 'v5.1' } },
  },
  check({ unit, index, report }) {
    for (const name of index.fileNames(unit.path)) {
      report({ messageId: 'fileInDivision', file: `${unit.path}/${name}`, data: { name, division: unit.division } });
    }
  },
});
