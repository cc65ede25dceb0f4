import type { SubmissionIndex } from '../../tree/submission-index.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'struct/broken-symlink',
  meta: {
    description: 'Symbolic links in a submitter folder must lead somewhere inside the submission.',
    category: 'struct',
    scope: 'submitter',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'submission_rules.adoc §5.6: the submission is a self-contained tree reviewed as a Git repository.',
    messages: {
      broken: 'Symbolic link "{{path}}" points to "{{target}}", which does not exist. Replace the link with the file it should point to, or remove it.',
      outside: 'Symbolic link "{{path}}" points outside the submission ("{{target}}"); reviewers and the results repository will not have that file. Copy the file into the submission instead of linking to it.',
    },
    rejects: 'submitter',
    official: { rounds: { until: 'v5.1' } },
  },
  check({ unit, index, profile, report }) {
    for (const entry of index.descendants(unit.path)) {
      const link = entry.link;
      if (entry.kind !== 'symlink' || link === undefined || link.targetKind === 'directory') continue;
      const data = { path: entry.path, target: link.target };
      if (profile === 'official') {
        // The monolith tests os.path.exists(os.readlink(link)) from the submission root, so a relative target is
        // resolved against the root rather than the link's folder; reproduce that to reach its verdicts.
        if (!existsFromRoot(link.target, link.resolution, index)) report({ messageId: 'broken', file: entry.path, data });
        continue;
      }
      if (link.resolution === 'broken') report({ messageId: 'broken', file: entry.path, data });
      if (link.resolution === 'outside') report({ messageId: 'outside', file: entry.path, data });
    }
  },
});

/** Absolute and parent-relative targets do not depend on the working directory: their real resolution counts. */
function existsFromRoot(target: string, resolution: string, index: SubmissionIndex): boolean {
  if (target.startsWith('/') || target.startsWith('..')) return resolution !== 'broken';
  return index.exists(target.replace(/^\.\//, '').replace(/\/+$/, ''));
}
