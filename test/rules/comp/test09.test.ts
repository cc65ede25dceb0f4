import rule from '../../../src/rules/comp/test09.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

const gptOss = realResult('v6.0', 'closed/RedHat/results/8xH200-LLM-D-Openshift/gpt-oss-120b/Offline');
const reportFile = `${gptOss.path}/TEST09/verify_output_len.txt`;
const results = (mean: string, max: string, verdict: string): string =>
  `Verification Results\nMean output tokens: ${mean}\nMin threshold: 1150.38\nMax threshold: 1406.02\nMin check pass: True\nMax check pass: ${max}\n\n${verdict}\n`;

testRule(rule, {
  valid: [
    { name: 'a real TEST09', round: 'v6.0', profile: 'official', tree: gptOss.tree },
    { name: 'a round without TEST09 for the model', round: 'v5.1', tree: gptOss.tree },
  ],
  invalid: [
    {
      name: 'TEST09 failed',
      round: 'v6.0',
      profile: 'official',
      tree: withChanges(gptOss.tree, { [reportFile]: results('1500.2', 'False', 'TEST FAIL') }),
      errors: [{ messageId: 'failed', file: reportFile, line: 8, unit: gptOss.path, message: 'it says "TEST FAIL"' }],
    },
    {
      name: 'a report Python cannot decode',
      round: 'v6.0',
      profile: 'official',
      tree: withChanges(gptOss.tree, { [reportFile]: Buffer.from([0xc0, 0xaf]) }),
      errors: [{ messageId: 'unreadable', file: reportFile }],
    },
    {
      name: 'TEST PASS with a mean above the maximum (recommended profile)',
      round: 'v6.0',
      tree: withChanges(gptOss.tree, { [reportFile]: results('1500.2', 'True', 'TEST PASS') }),
      errors: [{ messageId: 'contradicts', line: 2, message: 'mean output length 1500.2 lies outside [1150.38, 1406.02]' }],
    },
    {
      name: 'TEST PASS with a failed maximum check (recommended profile)',
      round: 'v6.0',
      tree: withChanges(gptOss.tree, { [reportFile]: results('1300.5', 'False', 'TEST PASS') }),
      errors: [{ messageId: 'contradicts', line: 6, message: 'Max check pass: False' }],
    },
  ],
});
