import rule from '../../../src/rules/struct/server-or-interactive.ts';
import { qwenEndpoints } from '../../support/endpoints.ts';
import { realResult } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';
import { moved } from '../../support/tree-edits.ts';

const offline = realResult('v5.1', 'closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b/Offline');
const server = realResult('v5.1', 'closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b/Server');
const benchmarkPath = 'closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b';
const modularOffline = realResult('v6.0', 'closed/MiTAC/results/8xMI350X_2xEPYC-9755/llama2-70b-99.9/Offline');
const modularInteractive = realResult('v6.0', 'closed/MiTAC/results/8xMI350X_2xEPYC-9755/llama2-70b-99.9/Interactive');
const whisper = realResult('v6.0', 'closed/RedHat/results/8xH200_whisper/whisper/Offline');

const endpoints = qwenEndpoints();

testRule(rule, {
  valid: [
    { name: 'v6.1 endpoints results: Offline and Online (a Server result)', round: 'v6.1', profile: 'official', tree: endpoints.tree },
    { name: 'Offline and Server', round: 'v5.1', tree: { ...offline.tree, ...server.tree } },
    { name: 'Offline and Interactive, in lower case', round: 'v5.1', tree: { ...offline.tree, ...moved(server.tree, server.path, `${benchmarkPath}/interactive`) } },
    { name: 'Offline and Interactive in a modular round', round: 'v6.0', profile: 'official', tree: { ...modularOffline.tree, ...modularInteractive.tree } },
    { name: 'a model without such a group', round: 'v6.0', tree: whisper.tree },
  ],
  invalid: [
    {
      name: 'Offline alone',
      round: 'v5.1',
      tree: offline.tree,
      errors: [{ messageId: 'noneOf', file: benchmarkPath, unit: benchmarkPath, message: 'any of the scenarios Interactive, Server' }],
    },
    {
      name: 'Offline alone in a modular round (official profile)',
      round: 'v6.0',
      profile: 'official',
      tree: modularOffline.tree,
      errors: [{ messageId: 'noneOf', file: 'closed/MiTAC/results/8xMI350X_2xEPYC-9755/llama2-70b-99.9' }],
    },
  ],
});
