import rule from '../../../src/rules/struct/accuracy-txt.ts';
import { qwenEndpoints } from '../../support/endpoints.ts';
import { realResult, without } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

const monolith = realResult('v5.1', 'closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b/Offline');
const modular = realResult('v6.0', 'closed/RedHat/results/8xH200_whisper/whisper/Offline');
const open = realResult('v4.1', 'open/Krai/results/7920t-kilt-onnxruntime_cpu/bert-99/offline');

const endpoints = qwenEndpoints();

testRule(rule, {
  valid: [
    { name: 'a v6.1 endpoints result has no accuracy.txt (its score is in accuracy_results.json)', round: 'v6.1', profile: 'official', tree: endpoints.tree },
    { name: 'a real published result', round: 'v5.1', tree: monolith.tree },
    { name: 'a real published result of a modular round', round: 'v6.0', profile: 'official', tree: modular.tree },
  ],
  invalid: [
    {
      name: 'accuracy.txt removed',
      round: 'v5.1',
      tree: without(monolith.tree, `${monolith.path}/accuracy/accuracy.txt`),
      errors: [{ messageId: 'missingFile', file: `${monolith.path}/accuracy`, unit: monolith.path }],
    },
    {
      name: 'accuracy.txt removed in a modular round (official profile)',
      round: 'v6.0',
      profile: 'official',
      tree: without(modular.tree, `${modular.path}/accuracy/accuracy.txt`),
      errors: [{ messageId: 'missingFile', file: `${modular.path}/accuracy` }],
    },
    {
      name: 'the whole accuracy folder removed, open division',
      round: 'v4.1',
      tree: without(open.tree, `${open.path}/accuracy`),
      errors: [{ messageId: 'missingFolder', file: open.path, message: `${open.path}/accuracy` }],
    },
  ],
});
