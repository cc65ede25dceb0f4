import rule from '../../../src/rules/comp/perf-files.ts';
import { realResult, withChanges, without } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

const resnet = realResult('v4.1', 'closed/Intel/results/1-node-2S-EMR-PyTorch/resnet50/Offline');
const test01Run = 'closed/Intel/compliance/1-node-2S-EMR-PyTorch/resnet50/Offline/TEST01/performance/run_1';
const wan = realResult('v6.0', 'closed/Krai/results/h200_n1-kissv/wan-2.2-t2v-a14b/offline');
const wanRun = `${wan.path}/TEST04/performance/run_1`;

testRule(rule, {
  valid: [
    { name: 'a real result with TEST01, TEST04 and TEST05', round: 'v4.1', tree: resnet.tree },
    { name: 'a real TEST04 in the result folder', round: 'v6.0', profile: 'official', tree: wan.tree },
    { name: 'optional files are allowed', round: 'v6.0', tree: withChanges(wan.tree, { [`${wanRun}/mlperf_log_accuracy.json`]: '[\n]\n', [`${wanRun}/.gitkeep`]: '' }) },
    { name: 'a missing detail log is left to comp/required-files', round: 'v4.1', tree: without(resnet.tree, `${test01Run}/mlperf_log_detail.txt`) },
    { name: 'a missing run_1 folder is left to comp/required-files', round: 'v4.1', tree: without(resnet.tree, test01Run) },
  ],
  invalid: [
    {
      name: 'TEST01 run_1 without its summary (monolith round)',
      round: 'v4.1',
      profile: 'official',
      tree: without(resnet.tree, `${test01Run}/mlperf_log_summary.txt`),
      errors: [{ messageId: 'missingFile', file: test01Run, unit: resnet.path, message: 'mlperf_log_summary.txt' }],
    },
    {
      name: 'an extra file in TEST04 run_1 (modular round)',
      round: 'v6.0',
      profile: 'official',
      tree: withChanges(wan.tree, { [`${wanRun}/notes.txt`]: 'ran twice\n' }),
      errors: [{ messageId: 'unexpectedFile', file: `${wanRun}/notes.txt`, message: 'mlperf_log_summary.txt, mlperf_log_detail.txt' }],
    },
  ],
});
