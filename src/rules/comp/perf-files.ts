import { complianceScope, performanceRunDifferences, presentTests, TEST05 } from '../../checkers/inference/compliance.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'comp/perf-files',
  meta: {
    description: 'The performance/run_1/ folder of TEST01 and TEST04 holds exactly the LoadGen logs of the compliance run: the required ones, plus optional ones the round allows.',
    category: 'comp',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'network'],
    rounds: {},
    ruleText: 'submission_rules.adoc §5.6 (TESTxx/performance/run_1/ holds the LoadGen logs of the compliance run) and §5.13.2.',
    messages: {
      missingFile: '{{test}}/performance/run_1 has no {{name}}. Copy {{name}} from the output of the {{test}} run into it.',
      unexpectedFile: 'File "{{name}}" does not belong in {{test}}/performance/run_1, which holds only {{expected}}. Remove it, or move it to the documentation or code folder of the submission.',
    },
    // Both official checkers reject the result ("has file list mismatch").
    rejects: 'scenario',
    official: {},
  },
  async check(context) {
    const { round, index, report } = context;
    const scope = await complianceScope(context);
    if (scope === undefined) return;
    for (const test of presentTests(scope, index)) {
      // comp/test05 owns TEST05.
      if (test === TEST05) continue;
      const differences = performanceRunDifferences(index, round, scope, test);
      if (differences === undefined) continue;
      const { folder, missing, unexpected, expected } = differences;
      for (const name of missing) report({ messageId: 'missingFile', file: folder, data: { test, name } });
      for (const name of unexpected) report({ messageId: 'unexpectedFile', file: `${folder}/${name}`, data: { test, name, expected: expected.join(', ') } });
    }
  },
});
