import { submitterTree } from '../../checkers/inference/submitter-tree.ts';
import type { TreeEntry } from '../../tree/entry.ts';
import { defineRule } from '../rule.ts';

// The monolith tests the end of the path, so `foo__pycache__` counts too.
const isPycache = (entry: TreeEntry): boolean => entry.kind === 'directory' && entry.path.endsWith('__pycache__');

export default defineRule({
  id: 'struct/pycache',
  meta: {
    description: 'A submitter folder contains no __pycache__ folders.',
    category: 'struct',
    scope: 'submitter',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: "submission_rules.adoc §5.6 (directory structure); the ban on __pycache__ folders is the submission checker's.",
    messages: {
      pycache: 'Folder "{{path}}" holds compiled Python bytecode, which Python writes when the code runs. Delete it (find . -name __pycache__ -prune -exec rm -rf {} +).',
    },
    rejects: 'submitter',
    official: { rounds: { until: 'v5.1' } },
  },
  check({ unit, index, report }) {
    for (const entry of submitterTree(index, unit.path, isPycache)) {
      if (isPycache(entry)) report({ messageId: 'pycache', file: entry.path, data: { path: entry.path } });
    }
  },
});
