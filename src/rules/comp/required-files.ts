import { complianceScope, missingTestFiles, PERFORMANCE_RUN_LOG, presentTests, TEST05, testFolder } from '../../checkers/inference/compliance.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'comp/required-files',
  meta: {
    description: 'Each required compliance test folder holds the verification report of its test and, for TEST01 and TEST04, the LoadGen detail log of its performance run.',
    category: 'comp',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'network'],
    rounds: {},
    ruleText: 'submission_rules.adoc §5.13.2 and §5.6 (TESTxx/verify_accuracy.txt, verify_performance.txt, verify_output_len.txt, performance/run_1/); the compliance/TESTxx READMEs of mlcommons/inference (what run_verification.py writes).',
    messages: {
      missingReport: '{{test}} has no {{name}}. Run the test\'s run_verification.py again and keep the {{name}} it writes in {{folder}}.',
      missingRunLog: '{{test}} has no {{name}}, the LoadGen detail log of its performance run. Copy mlperf_log_summary.txt and mlperf_log_detail.txt of the {{test}} run into {{folder}}/performance/run_1.',
    },
    // Both official checkers reject the result.
    rejects: 'scenario',
    official: {},
  },
  async check(context) {
    const { index, report } = context;
    const scope = await complianceScope(context);
    if (scope === undefined) return;
    for (const test of presentTests(scope, index)) {
      // comp/test05 owns TEST05.
      if (test === TEST05) continue;
      const folder = testFolder(scope, test);
      for (const name of missingTestFiles(index, scope, test)) {
        report({ messageId: name === PERFORMANCE_RUN_LOG ? 'missingRunLog' : 'missingReport', file: folder, data: { test, name, folder } });
      }
    }
  },
});
