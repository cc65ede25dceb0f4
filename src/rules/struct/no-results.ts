import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'struct/no-results',
  meta: {
    description: 'The tree holds at least one result folder (<division>/<submitter>/results/<system>/<benchmark>/<scenario>).',
    category: 'struct',
    scope: 'root',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'submission_rules.adoc §5.6 (directory structure of a submission).',
    messages: {
      noDivision: 'No division folder (closed, open or network) was found here, so there is nothing to audit. Pass the root of the submission, the folder that holds closed/, open/ or network/.',
      noResult: 'No result folder was found under {{divisions}}; a result lives in <division>/<submitter>/results/<system>/<benchmark>/<scenario>/. Check that the results are in place.',
    },
    rejects: 'none',
    // The official checkers report "Results=0" and "submission looks OK" for an empty tree.
    official: false,
  },
  check({ units, report }) {
    const divisions = units.ofKind('division');
    if (divisions.length === 0) report({ messageId: 'noDivision' });
    else if (units.ofKind('scenario').length === 0) report({ messageId: 'noResult', data: { divisions: divisions.map((division) => `${division.path}/`).join(', ') } });
  },
});
