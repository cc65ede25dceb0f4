import rule from '../../../src/rules/struct/scenario-allowed.ts';
import { qwenEndpoints } from '../../support/endpoints.ts';
import { realResult } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';
import { moved } from '../../support/tree-edits.ts';

const datacenter = realResult('v4.1', 'closed/Intel/results/1-node-2S-EMR-PyTorch/resnet50/Offline');
const benchmarkPath = 'closed/Intel/results/1-node-2S-EMR-PyTorch/resnet50';
const lowerCase = realResult('v4.1', 'closed/Google/results/tpu_v5e_x4_flax/stable-diffusion-xl/offline');
const interactive = realResult('v6.0', 'closed/MiTAC/results/8xMI350X_2xEPYC-9755/llama2-70b-99.9/Interactive');
const openEdge = realResult('v5.1', 'open/Lenovo/results/se100_ultra7_255h/resnet50/MultiStream');

// An endpoints result may sit in an `Online` folder, which stands for Server (v6.1); a LoadGen result may not.
const endpoints = qwenEndpoints();
const onlinePath = 'closed/MiTAC/results/8xMI350X_2xEPYC-9755/llama2-70b-99.9/Online';

testRule(rule, {
  valid: [
    { name: 'a v6.1 endpoints result in an Online folder (a Server result)', round: 'v6.1', profile: 'official', tree: endpoints.tree },
    { name: 'a required scenario', round: 'v4.1', tree: datacenter.tree },
    { name: 'a scenario folder in lower case', round: 'v4.1', tree: lowerCase.tree },
    { name: 'an optional scenario of a modular round', round: 'v6.0', profile: 'official', tree: interactive.tree },
    { name: 'the open division may submit any scenario', round: 'v5.1', tree: moved(openEdge.tree, openEdge.path, 'open/Lenovo/results/se100_ultra7_255h/resnet50/Server') },
  ],
  invalid: [
    {
      name: 'a LoadGen result in an Online folder',
      round: 'v6.1',
      profile: 'official',
      tree: moved(interactive.tree, interactive.path, onlinePath),
      errors: [{ messageId: 'notAllowed', file: onlinePath, message: '"Online"' }],
    },
    {
      name: 'an edge scenario on a datacenter system',
      round: 'v4.1',
      tree: moved(datacenter.tree, datacenter.path, `${benchmarkPath}/SingleStream`),
      errors: [{ messageId: 'notAllowed', file: `${benchmarkPath}/SingleStream`, unit: `${benchmarkPath}/SingleStream`, message: 'allowed: Server, Offline' }],
    },
    {
      name: 'a folder that is no scenario at all',
      round: 'v4.1',
      profile: 'official',
      tree: moved(datacenter.tree, datacenter.path, `${benchmarkPath}/Offline_rerun`),
      errors: [{ messageId: 'notAllowed', file: `${benchmarkPath}/Offline_rerun`, message: '"Offline_rerun"' }],
    },
  ],
});
