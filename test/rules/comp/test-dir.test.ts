import rule from '../../../src/rules/comp/test-dir.ts';
import { realResult, without } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

const resnet = realResult('v4.1', 'closed/Intel/results/1-node-2S-EMR-PyTorch/resnet50/Offline');
const resnetCompliance = 'closed/Intel/compliance/1-node-2S-EMR-PyTorch/resnet50/Offline';
const gptOss = realResult('v6.0', 'closed/RedHat/results/8xB200-LLM-D-Openshift/gpt-oss-120b/Server');
const open = realResult('v4.1', 'open/Krai/results/7920t-kilt-onnxruntime_cpu/bert-99/offline');

testRule(rule, {
  valid: [
    { name: 'a real result with TEST01, TEST04 and TEST05', round: 'v4.1', tree: resnet.tree },
    { name: 'a real result with TEST07 and TEST09 in the result folder', round: 'v6.0', profile: 'official', tree: gptOss.tree },
    { name: 'the open division has no compliance tests', round: 'v4.1', tree: open.tree },
    { name: 'a missing TEST05 is left to comp/test05', round: 'v4.1', tree: without(resnet.tree, `${resnetCompliance}/TEST05`) },
    { name: 'a missing compliance folder is left to struct/compliance-dir', round: 'v4.1', tree: without(resnet.tree, resnetCompliance) },
    {
      // No LoadGen detail log at all: a v6.1 endpoints result, whose tests are audit/audit_<test>.json files.
      name: 'an endpoints result has no TESTxx folders',
      round: 'v6.1',
      profile: 'official',
      tree: [`${gptOss.path}/TEST07`, `${gptOss.path}/TEST09`, `${gptOss.path}/performance/run_1/mlperf_log_detail.txt`, `${gptOss.path}/accuracy/mlperf_log_detail.txt`].reduce(without, gptOss.tree),
    },
  ],
  invalid: [
    {
      name: 'TEST04 removed (monolith round)',
      round: 'v4.1',
      profile: 'official',
      tree: without(resnet.tree, `${resnetCompliance}/TEST04`),
      errors: [{ messageId: 'missing', file: resnetCompliance, unit: resnet.path, message: 'Folder TEST04 is missing' }],
    },
    {
      name: 'TEST07 and TEST09 removed (modular round, tests in the result folder)',
      round: 'v6.0',
      profile: 'official',
      tree: without(without(gptOss.tree, `${gptOss.path}/TEST07`), `${gptOss.path}/TEST09`),
      errors: [
        { messageId: 'missing', file: gptOss.path, message: 'TEST07' },
        { messageId: 'missing', file: gptOss.path, message: 'TEST09' },
      ],
    },
  ],
});
