import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'struct/results-dir',
  meta: {
    description: 'Every submitter folder has a results/ folder.',
    category: 'struct',
    scope: 'submitter',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'submission_rules.adoc §5.6 (directory structure): <division>/<submitter>/results/<system>/<benchmark>/<scenario>.',
    messages: {
      missing: 'Submitter folder "{{submitter}}" has no results/ folder, so none of its results can be audited. Put the results under {{path}}/<system>/<benchmark>/<scenario>/, or remove the folder if it is not a submission.',
    },
    // The modular checker crashes on the whole tree; we reject only the submitter, which has no results anyway.
    rejects: 'submitter',
    official: { rounds: { since: 'v6.0' } },
  },
  check({ unit, index, report }) {
    const resultsPath = `${unit.path}/results`;
    if (!index.isDirectory(resultsPath)) report({ messageId: 'missing', file: unit.path, data: { submitter: unit.submitter, path: resultsPath } });
  },
});
