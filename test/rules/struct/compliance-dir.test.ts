import rule from '../../../src/rules/struct/compliance-dir.ts';
import { realResult, without } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

const result = realResult('v5.1', 'closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b/Offline');
const compliancePath = 'closed/RedHat/compliance/XE8640_4xH100_vLLM/llama3.1-8b/Offline';
const open = realResult('v4.1', 'open/Krai/results/7920t-kilt-onnxruntime_cpu/bert-99/offline');
const unified = realResult('v6.0', 'closed/RedHat/results/8xH200_whisper/whisper/Offline');

testRule(rule, {
  valid: [
    { name: 'a real published result', round: 'v5.1', tree: result.tree },
    { name: 'the open division has no compliance tests', round: 'v4.1', tree: open.tree },
    { name: 'the unified layout keeps the tests in the result folder (checked per test elsewhere)', round: 'v6.0', tree: unified.tree },
  ],
  invalid: [
    {
      name: 'the compliance folder removed',
      round: 'v5.1',
      profile: 'official',
      tree: without(result.tree, compliancePath),
      errors: [{ messageId: 'missing', file: compliancePath, unit: result.path, message: '(TEST06)' }],
    },
    {
      name: 'the compliance folder of a model with several tests removed',
      round: 'v4.1',
      tree: without(realResult('v4.1', 'closed/Intel/results/1-node-2S-EMR-PyTorch/resnet50/Offline').tree, 'closed/Intel/compliance'),
      errors: [{ messageId: 'missing', file: 'closed/Intel/compliance/1-node-2S-EMR-PyTorch/resnet50/Offline', message: 'TEST01, TEST04, TEST05' }],
    },
  ],
});
