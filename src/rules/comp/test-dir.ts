import { complianceScope, TEST05, testFolder } from '../../checkers/inference/compliance.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'comp/test-dir',
  meta: {
    description: 'In the closed and network divisions, each result has a TESTxx folder for every compliance test the round requires for its model.',
    category: 'comp',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'network'],
    rounds: {},
    ruleText: 'submission_rules.adoc §5.13.2 (the compliance tests each benchmark must pass in the closed and network divisions) and §5.6 (their output in TESTxx folders).',
    messages: {
      missing: 'Folder {{test}} is missing from {{folder}}, and {{model}} requires the compliance test {{test}}. Run it with its audit.config and copy the output of its run_verification.py into {{folder}}/{{test}}.',
    },
    // Both official checkers reject the result.
    rejects: 'scenario',
    official: {},
  },
  async check({ unit, round, profile, index, load, report }) {
    const scope = await complianceScope({ unit, round, profile, index, load });
    if (scope === undefined) return;
    for (const test of scope.tests) {
      // comp/test05 owns TEST05.
      if (test === TEST05 || index.isDirectory(testFolder(scope, test))) continue;
      report({ messageId: 'missing', file: scope.folder, data: { test, folder: scope.folder, model: scope.model } });
    }
  },
});
