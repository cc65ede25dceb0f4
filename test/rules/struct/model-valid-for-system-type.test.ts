import rule from '../../../src/rules/struct/model-valid-for-system-type.ts';
import { realResult } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';
import { moved, withJsonFields } from '../../support/tree-edits.ts';

const datacenter = realResult('v5.1', 'closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b/Offline');
const systemJson = 'closed/RedHat/systems/XE8640_4xH100_vLLM.json';
const benchmarkPath = 'closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b';
const asEdge = withJsonFields(datacenter.tree, systemJson, { system_type: 'edge' });

const openV41 = realResult('v4.1', 'open/NeuralMagic/results/GO_2xRTX4090-reference-cpu-pytorch-v2.2.1-default_config/neuralmagic_Llama-2-7b-chat-hf-FP8/offline');
const openSystemPath = 'open/NeuralMagic/results/GO_2xRTX4090-reference-cpu-pytorch-v2.2.1-default_config';
const unmappedV41 = moved(openV41.tree, `${openSystemPath}/neuralmagic_Llama-2-7b-chat-hf-FP8`, `${openSystemPath}/llama-2-7b-chat`);

const openV60 = realResult('v6.0', 'open/Krai/results/h200_n1-vllm/llama3_1-70b-fp8_dyn/offline');
const unmappedV60 = moved(openV60.tree, 'open/Krai/results/h200_n1-vllm/llama3_1-70b-fp8_dyn', 'open/Krai/results/h200_n1-vllm/llama3_1-70b-fp8_new');

testRule(rule, {
  valid: [
    { name: 'a datacenter model on a datacenter system', round: 'v5.1', tree: datacenter.tree },
    { name: 'an open folder mapped by model_mapping.json', round: 'v4.1', tree: openV41.tree },
    { name: 'a system without a usable system_type is left to sys/system-type', round: 'v5.1', tree: withJsonFields(datacenter.tree, systemJson, { system_type: 'server' }) },
    {
      name: 'a closed folder that maps to no model is left to struct/closed-model-known',
      round: 'v5.1',
      tree: moved(datacenter.tree, benchmarkPath, 'closed/RedHat/results/XE8640_4xH100_vLLM/llama-7b'),
    },
    { name: 'the modular checker does not check the open division (official profile)', round: 'v6.0', profile: 'official', tree: unmappedV60 },
  ],
  invalid: [
    {
      name: 'a datacenter-only model on an edge system',
      round: 'v5.1',
      tree: asEdge,
      errors: [{ messageId: 'notForCategory', file: benchmarkPath, unit: benchmarkPath, message: `Correct system_type in ${systemJson}` }],
    },
    {
      name: 'the same in the official profile of a modular round (the checker crashes)',
      round: 'v6.0',
      profile: 'official',
      tree: withJsonFields(realResult('v6.0', 'closed/RedHat/results/8xH200-LLM-D-Openshift/gpt-oss-120b/Offline').tree, 'closed/RedHat/systems/8xH200-LLM-D-Openshift.json', {
        system_type: 'edge',
      }),
      errors: [{ messageId: 'notForCategory', file: 'closed/RedHat/results/8xH200-LLM-D-Openshift/gpt-oss-120b', message: '"gpt-oss-120b" is not a benchmark for edge systems' }],
    },
    {
      name: 'an open folder that model_mapping.json does not map (the monolith rejects it)',
      round: 'v4.1',
      profile: 'official',
      tree: unmappedV41,
      errors: [{ messageId: 'unmappedModel', file: `${openSystemPath}/llama-2-7b-chat`, message: 'open/NeuralMagic/model_mapping.json' }],
    },
    {
      name: 'an unmapped open folder in a modular round (recommended profile)',
      round: 'v6.0',
      tree: unmappedV60,
      errors: [{ messageId: 'unmappedModel', file: 'open/Krai/results/h200_n1-vllm/llama3_1-70b-fp8_new' }],
    },
  ],
});
