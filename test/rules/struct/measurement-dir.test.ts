import rule from '../../../src/rules/struct/measurement-dir.ts';
import { realResult, without } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

const separate = realResult('v5.1', 'closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b/Offline');
const measurementsPath = 'closed/RedHat/measurements/XE8640_4xH100_vLLM/llama3.1-8b/Offline';
const unified = realResult('v6.0', 'closed/RedHat/results/8xH200_whisper/whisper/Offline');

testRule(rule, {
  valid: [
    { name: 'a real published result', round: 'v5.1', tree: separate.tree },
    { name: 'the unified layout keeps the measurements in the result folder', round: 'v6.0', tree: unified.tree },
  ],
  invalid: [
    {
      name: 'the measurements folder removed',
      round: 'v5.1',
      tree: without(separate.tree, measurementsPath),
      errors: [{ messageId: 'missing', file: measurementsPath, unit: separate.path, message: 'user.conf, README.md' }],
    },
    {
      name: 'the same in the official profile of a monolith round',
      round: 'v4.1',
      profile: 'official',
      tree: without(realResult('v4.1', 'closed/Intel/results/1-node-2S-EMR-PyTorch/resnet50/Offline').tree, 'closed/Intel/measurements'),
      errors: [{ messageId: 'missing', file: 'closed/Intel/measurements/1-node-2S-EMR-PyTorch/resnet50/Offline', message: 'mlperf.conf' }],
    },
  ],
});
