import rule from '../../../src/rules/comp/test05.ts';
import { realResult, withChanges, without } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

const resnet = realResult('v4.1', 'closed/Intel/results/1-node-2S-EMR-PyTorch/resnet50/Offline');
const compliance = 'closed/Intel/compliance/1-node-2S-EMR-PyTorch/resnet50/Offline';
const test05 = `${compliance}/TEST05`;
const bert = realResult('v4.1', 'closed/Intel/results/1-node-2S-EMR-PyTorch/bert-99/Offline');

testRule(rule, {
  valid: [
    { name: 'a real TEST05', round: 'v4.1', profile: 'official', tree: resnet.tree },
    { name: 'another model with TEST05', round: 'v4.1', tree: bert.tree },
    { name: 'a missing compliance folder is left to struct/compliance-dir', round: 'v4.1', tree: without(resnet.tree, compliance) },
  ],
  invalid: [
    {
      name: 'TEST05 removed',
      round: 'v4.1',
      profile: 'official',
      tree: without(resnet.tree, test05),
      errors: [{ messageId: 'missingFolder', file: compliance, unit: resnet.path, message: 'resnet requires TEST05' }],
    },
    {
      name: 'TEST05 without its report and detail log',
      round: 'v4.1',
      profile: 'official',
      tree: without(without(resnet.tree, `${test05}/verify_performance.txt`), `${test05}/performance/run_1/mlperf_log_detail.txt`),
      errors: [
        { messageId: 'missingRunLog', file: test05 },
        { messageId: 'missingReport', file: test05, message: 'verify_performance.txt' },
      ],
    },
    {
      name: 'TEST05 failed',
      round: 'v4.1',
      profile: 'official',
      tree: withChanges(resnet.tree, { [`${test05}/verify_performance.txt`]: 'Verifying performance.\nreference score = 240030.57\ntest score = 120000.0\nTEST FAIL: Test score invalid\n' }),
      errors: [{ messageId: 'failed', file: `${test05}/verify_performance.txt`, line: 4 }],
    },
    {
      name: 'a report Python cannot decode',
      round: 'v4.1',
      tree: withChanges(resnet.tree, { [`${test05}/verify_performance.txt`]: Buffer.from([0xff, 0xfe, 0x0a]) }),
      errors: [{ messageId: 'unreadable', file: `${test05}/verify_performance.txt` }],
    },
    {
      name: 'run_1 without its summary and with an extra file',
      round: 'v4.1',
      profile: 'official',
      tree: withChanges(without(resnet.tree, `${test05}/performance/run_1/mlperf_log_summary.txt`), { [`${test05}/performance/run_1/audit.config`]: '*.*.test05 = 1\n' }),
      errors: [
        { messageId: 'missingFile', file: `${test05}/performance/run_1`, message: 'mlperf_log_summary.txt' },
        { messageId: 'unexpectedFile', file: `${test05}/performance/run_1/audit.config` },
      ],
    },
  ],
});
