import rule from '../../../src/rules/struct/required-scenarios.ts';
import { qwenEndpoints } from '../../support/endpoints.ts';
import { realResult } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

const offline = realResult('v4.1', 'closed/Intel/results/1-node-2S-EMR-PyTorch/resnet50/Offline');
const server = realResult('v4.1', 'closed/Intel/results/1-node-2S-EMR-PyTorch/resnet50/Server');
const lowerCaseOffline = realResult('v4.1', 'closed/Google/results/tpu_v5e_x4_flax/stable-diffusion-xl/offline');
const lowerCaseServer = realResult('v4.1', 'closed/Google/results/tpu_v5e_x4_flax/stable-diffusion-xl/server');
const modularServer = realResult('v6.0', 'closed/MiTAC/results/8xMI350X_2xEPYC-9755/llama2-70b-99.9/Server');
const openOffline = realResult('v4.1', 'open/Oracle/results/GH200-GraceHopper-Superchip_GH200-96GB_aarch64x1_TRT/dlrm-v2-99/Offline');

const endpoints = qwenEndpoints();

testRule(rule, {
  valid: [
    { name: 'v6.1 endpoints results: Offline and Online', round: 'v6.1', profile: 'official', tree: endpoints.tree },
    { name: 'every required scenario present', round: 'v4.1', tree: { ...offline.tree, ...server.tree } },
    { name: 'required scenarios in lower case', round: 'v4.1', tree: { ...lowerCaseOffline.tree, ...lowerCaseServer.tree } },
    { name: 'the open division need not submit every scenario', round: 'v4.1', tree: openOffline.tree },
  ],
  invalid: [
    {
      name: 'Server missing for a datacenter benchmark',
      round: 'v4.1',
      tree: offline.tree,
      errors: [{ messageId: 'missing', file: 'closed/Intel/results/1-node-2S-EMR-PyTorch/resnet50', unit: 'closed/Intel/results/1-node-2S-EMR-PyTorch/resnet50', message: 'Scenario Server is required for resnet' }],
    },
    {
      name: 'Offline missing in a modular round (official profile)',
      round: 'v6.0',
      profile: 'official',
      tree: modularServer.tree,
      errors: [{ messageId: 'missing', file: 'closed/MiTAC/results/8xMI350X_2xEPYC-9755/llama2-70b-99.9', message: 'Scenario Offline' }],
    },
  ],
});
