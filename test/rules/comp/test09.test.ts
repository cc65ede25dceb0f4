import rule from '../../../src/rules/comp/test09.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';
import { moved } from '../../support/tree-edits.ts';

const gptOss = realResult('v6.0', 'closed/RedHat/results/8xH200-LLM-D-Openshift/gpt-oss-120b/Offline');
const reportFile = `${gptOss.path}/TEST09/verify_output_len.txt`;
const results = (mean: string, max: string, verdict: string): string =>
  `Verification Results\nMean output tokens: ${mean}\nMin threshold: 1150.38\nMax threshold: 1406.02\nMin check pass: True\nMax check pass: ${max}\n\n${verdict}\n`;

/** The gpt-oss-120b result filed as e2e-rag-qna (v6.1): its report applies the gpt-oss bounds, not e2e-rag-qna's. */
const ragFolder = 'closed/RedHat/results/8xH200-LLM-D-Openshift/e2e-rag-qna';
const rag = moved(gptOss.tree, 'closed/RedHat/results/8xH200-LLM-D-Openshift/gpt-oss-120b', ragFolder);

testRule(rule, {
  valid: [
    { name: 'a real TEST09', round: 'v6.0', profile: 'official', tree: gptOss.tree },
    { name: 'a round without TEST09 for the model', round: 'v5.1', tree: gptOss.tree },
    { name: 'a real TEST09 within the bounds of the model\'s audit.config (recommended)', round: 'v6.0', tree: gptOss.tree },
    { name: 'the official checker only reads TEST PASS, whatever bounds the report applied', round: 'v6.1', profile: 'official', tree: rag },
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
      name: 'e2e-rag-qna checked against the gpt-oss-120b bounds (recommended profile)',
      round: 'v6.1',
      tree: rag,
      errors: [{ messageId: 'contradicts', file: `${ragFolder}/Offline/TEST09/verify_output_len.txt`, line: 17, message: 'it checked the mean against [1150.38, 1406.02] while the TEST09 audit.config of e2e-rag-qna sets [246.43, 301.19]' }],
    },
    {
      name: 'a mean outside the bounds of the model, with thresholds the report does not print (recommended profile)',
      round: 'v6.0',
      tree: withChanges(gptOss.tree, { [reportFile]: 'Mean output tokens: 1100.5\n\nTEST PASS\n' }),
      errors: [{ messageId: 'contradicts', line: 1, message: 'its mean output length 1100.5 lies outside [1150.38, 1406.02], the bounds of the TEST09 audit.config of gpt-oss-120b' }],
    },
    {
      name: 'TEST PASS with a failed maximum check (recommended profile)',
      round: 'v6.0',
      tree: withChanges(gptOss.tree, { [reportFile]: results('1300.5', 'False', 'TEST PASS') }),
      errors: [{ messageId: 'contradicts', line: 6, message: 'Max check pass: False' }],
    },
  ],
});
