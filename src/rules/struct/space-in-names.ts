import { submitterTree } from '../../checkers/inference/submitter-tree.ts';
import { baseName } from '../../tree/entry.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'struct/space-in-names',
  meta: {
    description: 'No file or folder in a submitter folder has a space in its name.',
    category: 'struct',
    scope: 'submitter',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: "submission_rules.adoc §5.6 (directory structure); the ban on spaces in names is the submission checker's.",
    messages: {
      space: '"{{path}}" has a space in its name "{{name}}", which breaks the scripts that process submissions. Rename it with "_" or "-" instead of spaces (and update any file that refers to it).',
    },
    rejects: 'submitter',
    official: { rounds: { until: 'v5.1' } },
  },
  check({ unit, index, report }) {
    for (const entry of submitterTree(index, unit.path)) {
      const name = baseName(entry.path);
      if (name.includes(' ')) report({ messageId: 'space', file: entry.path, data: { path: entry.path, name } });
    }
  },
});
