import rule from '../../../src/rules/comp/required-files.ts';
import { realResult, without } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

const resnet = realResult('v4.1', 'closed/Intel/results/1-node-2S-EMR-PyTorch/resnet50/Offline');
const resnetCompliance = 'closed/Intel/compliance/1-node-2S-EMR-PyTorch/resnet50/Offline';
const gptOss = realResult('v6.0', 'closed/RedHat/results/8xB200-LLM-D-Openshift/gpt-oss-120b/Server');
const llama = realResult('v5.1', 'closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b/Offline');
const llamaTest06 = 'closed/RedHat/compliance/XE8640_4xH100_vLLM/llama3.1-8b/Offline/TEST06';

testRule(rule, {
  valid: [
    { name: 'a real result with TEST01, TEST04 and TEST05', round: 'v4.1', tree: resnet.tree },
    { name: 'a real result with TEST07 and TEST09', round: 'v6.0', tree: gptOss.tree },
    { name: 'a missing TEST05 report is left to comp/test05', round: 'v4.1', tree: without(resnet.tree, `${resnetCompliance}/TEST05/verify_performance.txt`) },
  ],
  invalid: [
    {
      name: 'TEST01 without its reports and detail log',
      round: 'v4.1',
      profile: 'official',
      tree: without(without(without(resnet.tree, `${resnetCompliance}/TEST01/verify_accuracy.txt`), `${resnetCompliance}/TEST01/verify_performance.txt`), `${resnetCompliance}/TEST01/performance`),
      errors: [
        { messageId: 'missingRunLog', file: `${resnetCompliance}/TEST01`, message: 'performance/run_1/mlperf_log_detail.txt' },
        { messageId: 'missingReport', file: `${resnetCompliance}/TEST01`, message: 'verify_accuracy.txt' },
        { messageId: 'missingReport', file: `${resnetCompliance}/TEST01`, message: 'verify_performance.txt' },
      ],
    },
    {
      name: 'TEST06 without verify_accuracy.txt',
      round: 'v5.1',
      tree: without(llama.tree, `${llamaTest06}/verify_accuracy.txt`),
      errors: [{ messageId: 'missingReport', file: llamaTest06, unit: llama.path }],
    },
    {
      name: 'TEST09 without verify_output_len.txt',
      round: 'v6.0',
      profile: 'official',
      tree: without(gptOss.tree, `${gptOss.path}/TEST09/verify_output_len.txt`),
      errors: [{ messageId: 'missingReport', file: `${gptOss.path}/TEST09`, message: 'verify_output_len.txt' }],
    },
  ],
});
