import { defineRule } from '../rule.ts';

/** The monolith's limit: 50 MB in binary units, and only strictly larger files fail. */
const SIZE_LIMIT_BYTES = 50 * 1024 * 1024;

export default defineRule({
  id: 'struct/file-size',
  meta: {
    description: 'No file in a submitter folder is larger than 50 MiB.',
    category: 'struct',
    scope: 'submitter',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: "submission_rules.adoc §5.6: the submission is reviewed and published as a Git repository; the 50 MiB limit is the submission checker's.",
    messages: {
      tooLarge: 'File "{{path}}" has {{size}} bytes, more than the 50 MiB (52428800 bytes) a submission file may have. Truncate it (truncate_accuracy_log.py does this for accuracy logs), or leave it out if no rule requires it.',
    },
    rejects: 'submitter',
    official: { rounds: { until: 'v5.1' } },
  },
  check({ unit, index, report }) {
    for (const entry of index.descendants(unit.path)) {
      if (entry.kind !== 'file' || entry.size <= SIZE_LIMIT_BYTES) continue;
      report({ messageId: 'tooLarge', file: entry.path, data: { path: entry.path, size: entry.size } });
    }
  },
});
