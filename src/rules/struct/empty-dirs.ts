import { submitterTree } from '../../checkers/inference/submitter-tree.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'struct/empty-dirs',
  meta: {
    description: 'A submitter folder contains no empty folders.',
    category: 'struct',
    scope: 'submitter',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'submission_rules.adoc §5.6 (directory structure): the submission is published as a Git repository, which cannot hold empty folders.',
    messages: {
      empty: 'Folder "{{path}}" is empty; Git does not keep empty folders, so it would vanish from the published submission. Put in it the files it should hold, or delete it.',
    },
    rejects: 'submitter',
    official: { rounds: { until: 'v5.1' } },
  },
  check({ unit, index, report }) {
    for (const entry of submitterTree(index, unit.path)) {
      // A folder that could not be listed is not known to be empty.
      if (entry.kind !== 'directory' || entry.error !== undefined || index.children(entry.path).length > 0) continue;
      report({ messageId: 'empty', file: entry.path, data: { path: entry.path } });
    }
  },
});
