import rule from '../../../src/rules/meas/json-exists.ts';
import { testRule } from '../../support/rule-tester.ts';
import { realResult, without, withChanges } from '../../support/shared-data.ts';
import { moved } from '../../support/tree-edits.ts';

const v41 = realResult('v4.1', 'closed/ConnectTechInc/results/Orin_TRT/gptj-99/Offline');
const v41Measurements = 'closed/ConnectTechInc/measurements/Orin_TRT/gptj-99/Offline';
const v51 = realResult('v5.1', 'closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b/Offline');
const v51Measurements = 'closed/RedHat/measurements/XE8640_4xH100_vLLM/llama3.1-8b/Offline';
const v51Json = `${v51Measurements}/XE8640_4xH100_vLLM.json`;
const v60 = realResult('v6.0', 'closed/RedHat/results/8xH200-LLM-D-Openshift/gpt-oss-120b/Offline');

testRule(rule, {
  valid: [
    { name: 'a real v4.1 result (<system>_<scenario>.json)', round: 'v4.1', tree: v41.tree },
    { name: 'a real v5.1 result (<system>.json)', round: 'v5.1', tree: v51.tree },
    { name: 'a real v6.0 result (measurements.json)', round: 'v6.0', tree: v60.tree },
    { name: 'any <system>*.json will do up to v5.1', round: 'v5.1', tree: moved(v51.tree, v51Json, `${v51Measurements}/XE8640_4xH100_vLLM_vllm_Offline.json`) },
    { name: 'a missing measurements folder is struct/measurement-dir’s finding', round: 'v4.1', tree: without(v41.tree, v41Measurements) },
  ],
  invalid: [
    {
      name: 'v5.1 without the JSON',
      round: 'v5.1',
      tree: withChanges(v51.tree, { [v51Json]: undefined }),
      errors: [{ messageId: 'missing', file: v51Measurements, unit: v51.path, message: 'XE8640_4xH100_vLLM_<implementation>_Offline.json' }],
    },
    {
      name: 'v5.1 with the JSON under the policy name model-info.json',
      round: 'v5.1',
      profile: 'official',
      tree: moved(v51.tree, v51Json, `${v51Measurements}/model-info.json`),
      errors: [{ messageId: 'misnamed', file: `${v51Measurements}/model-info.json` }],
    },
    {
      name: 'v6.0 without measurements.json',
      round: 'v6.0',
      tree: withChanges(v60.tree, { [`${v60.path}/measurements.json`]: undefined }),
      errors: [{ messageId: 'missing', file: v60.path, message: 'looks for measurements.json' }],
    },
    {
      name: 'v6.0 with Measurements.json (names are case-sensitive)',
      round: 'v6.0',
      profile: 'official',
      tree: moved(v60.tree, `${v60.path}/measurements.json`, `${v60.path}/Measurements.json`),
      errors: [{ messageId: 'misnamed', file: `${v60.path}/Measurements.json` }],
    },
  ],
});
