import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'struct/root-extra-files',
  meta: {
    description: 'The submission root holds only division folders, plus Markdown and PDF documents.',
    category: 'struct',
    scope: 'root',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'submission_rules.adoc §5.6 (directory structure): the root contains the division folders.',
    messages: {
      extraFile: 'File "{{name}}" sits in the submission root, outside every division folder. Move it into a division or submitter folder, or delete it (only .md and .pdf files may stay at the root).',
    },
    // The monolith rejects the whole tree ("root") and stops; the modular checker does not look.
    rejects: 'root',
    official: { rounds: { until: 'v5.1' } },
  },
  check({ index, report }) {
    for (const name of index.fileNames('')) {
      if (name.endsWith('.md') || name.endsWith('.pdf')) continue;
      report({ messageId: 'extraFile', file: name, data: { name } });
    }
  },
});
