import rule from '../../../src/rules/struct/closed-model-known.ts';
import { realResult } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';
import { moved } from '../../support/tree-edits.ts';

// "resnet50" is an alias of the official model "resnet".
const aliased = realResult('v4.1', 'closed/Intel/results/1-node-2S-EMR-PyTorch/resnet50/Offline');
const benchmarkPath = 'closed/Intel/results/1-node-2S-EMR-PyTorch/resnet50';
const renamedPath = 'closed/Intel/results/1-node-2S-EMR-PyTorch/resnet18';
const openMapped = realResult('v4.1', 'open/NeuralMagic/results/GO_2xRTX4090-reference-cpu-pytorch-v2.2.1-default_config/neuralmagic_Llama-2-7b-chat-hf-FP8/offline');
const retired = realResult('v5.1', 'closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b/Offline');

testRule(rule, {
  valid: [
    { name: 'a folder named after an alias of a model of the round', round: 'v4.1', tree: aliased.tree },
    { name: 'the official profile agrees', round: 'v4.1', profile: 'official', tree: aliased.tree },
    { name: 'open division folders are not checked here', round: 'v4.1', tree: openMapped.tree },
  ],
  invalid: [
    {
      name: 'a folder that maps to no model of the round',
      round: 'v4.1',
      tree: moved(aliased.tree, benchmarkPath, renamedPath),
      errors: [{ messageId: 'unknownModel', file: renamedPath, unit: renamedPath, message: '"resnet18"' }],
    },
    {
      name: 'a model of an earlier round (the modular checker crashes; the official profile rejects the benchmark)',
      round: 'v6.0',
      profile: 'official',
      tree: moved(retired.tree, 'closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b', 'closed/RedHat/results/XE8640_4xH100_vLLM/gptj-99'),
      errors: [{ messageId: 'unknownModel', file: 'closed/RedHat/results/XE8640_4xH100_vLLM/gptj-99', message: 'round v6.0' }],
    },
  ],
});
