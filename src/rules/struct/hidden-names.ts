import { submitterTree } from '../../checkers/inference/submitter-tree.ts';
import { baseName, type TreeEntry } from '../../tree/entry.ts';
import { defineRule } from '../rule.ts';

const isHidden = (entry: TreeEntry): boolean => baseName(entry.path).startsWith('.');

export default defineRule({
  id: 'struct/hidden-names',
  meta: {
    description: 'No file or folder in a submitter folder has a name starting with a dot.',
    category: 'struct',
    scope: 'submitter',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: "submission_rules.adoc §5.6 (directory structure): the submission is reviewed and published as a Git repository; the ban on dot-names is the submission checker's.",
    messages: {
      hidden: '"{{path}}" has a name that starts with a dot. Hidden files and folders are usually tool state (.git, .DS_Store, .ipynb_checkpoints) and easy to miss in review; delete it, or rename it without the leading dot.',
      gitkeep: '"{{path}}" is a .gitkeep placeholder, which the official checker of this round rejects like any other hidden file. Delete it: drop the folder it keeps if that folder is meant to be empty, or put the real files in it.',
    },
    rejects: 'submitter',
    official: { rounds: { until: 'v5.1' } },
  },
  check({ unit, index, profile, report }) {
    // A hidden folder is reported once; what is inside goes with it.
    for (const entry of submitterTree(index, unit.path, isHidden)) {
      if (!isHidden(entry)) continue;
      const data = { path: entry.path };
      if (baseName(entry.path) !== '.gitkeep' || entry.kind !== 'file') report({ messageId: 'hidden', file: entry.path, data });
      // Git needs such a placeholder to keep a folder; only the monolith, which bans every dot-name, rejects it.
      else if (profile === 'official') report({ messageId: 'gitkeep', file: entry.path, data });
    }
  },
});
