import rule from '../../../src/rules/comp/test07.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

const gptOss = realResult('v6.0', 'closed/RedHat/results/8xB200-LLM-D-Openshift/gpt-oss-120b/Server');
const reportFile = `${gptOss.path}/TEST07/verify_accuracy.txt`;
const summary = (score: string, pass: string, verdict: string): string =>
  `'exact_match': ${score}\nTEST07 Verification Summary\nAccuracy score: ${score}\nAccuracy threshold: 60.698\nAccuracy check pass: ${pass}\n${verdict}\n`;

testRule(rule, {
  valid: [
    { name: 'a real TEST07', round: 'v6.0', profile: 'official', tree: gptOss.tree },
    { name: 'the modular checker finds TEST PASS anywhere in the file', round: 'v6.0', profile: 'official', tree: withChanges(gptOss.tree, { [reportFile]: summary('59.1', 'False', 'TEST FAIL (expected TEST PASS)') }) },
  ],
  invalid: [
    {
      name: 'TEST07 failed',
      round: 'v6.0',
      profile: 'official',
      tree: withChanges(gptOss.tree, { [reportFile]: summary('59.1', 'False', 'TEST FAIL') }),
      errors: [{ messageId: 'failed', file: reportFile, line: 6, unit: gptOss.path }],
    },
    {
      name: 'a report Python cannot decode',
      round: 'v6.0',
      tree: withChanges(gptOss.tree, { [reportFile]: Buffer.from([0x80, 0x0a]) }),
      errors: [{ messageId: 'unreadable', file: reportFile }],
    },
    {
      name: 'TEST PASS with a score below the threshold (recommended profile)',
      round: 'v6.0',
      tree: withChanges(gptOss.tree, { [reportFile]: summary('59.1', 'True', 'TEST PASS') }),
      errors: [{ messageId: 'contradicts', file: reportFile, line: 3, message: 'accuracy score 59.1 is below the threshold 60.698' }],
    },
    {
      name: 'TEST PASS with a failed accuracy check (recommended profile)',
      round: 'v6.0',
      tree: withChanges(gptOss.tree, { [reportFile]: summary('62.8', 'False', 'TEST PASS') }),
      errors: [{ messageId: 'contradicts', line: 5, message: 'Accuracy check pass: False' }],
    },
  ],
});
