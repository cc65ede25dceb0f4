import rule from '../../../src/rules/meas/required-files.ts';
import { testRule } from '../../support/rule-tester.ts';
import { realResult, without, withChanges } from '../../support/shared-data.ts';

const v41 = realResult('v4.1', 'closed/ConnectTechInc/results/Orin_TRT/gptj-99/Offline');
const v41Measurements = 'closed/ConnectTechInc/measurements/Orin_TRT/gptj-99/Offline';
const v51 = realResult('v5.1', 'closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b/Offline');
const v51Measurements = 'closed/RedHat/measurements/XE8640_4xH100_vLLM/llama3.1-8b/Offline';
const v60 = realResult('v6.0', 'closed/RedHat/results/8xH200-LLM-D-Openshift/gpt-oss-120b/Offline');

testRule(rule, {
  valid: [
    { name: 'a real v4.1 result', round: 'v4.1', tree: v41.tree },
    { name: 'a real v5.1 result', round: 'v5.1', tree: v51.tree },
    { name: 'a real v6.0 result', round: 'v6.0', tree: v60.tree },
    { name: 'mlperf.conf is no longer required from v5.0', round: 'v5.1', tree: withChanges(v51.tree, { [`${v51Measurements}/mlperf.conf`]: undefined }) },
    { name: 'a missing measurements folder is struct/measurement-dir’s finding', round: 'v5.1', tree: without(v51.tree, v51Measurements) },
    {
      name: 'a v6.1 endpoints result (no LoadGen logs) needs no user.conf',
      round: 'v6.1',
      tree: withChanges(without(without(v60.tree, `${v60.path}/performance/run_1`), `${v60.path}/accuracy`), { [`${v60.path}/user.conf`]: undefined }),
    },
  ],
  invalid: [
    {
      name: 'v4.1 without mlperf.conf',
      round: 'v4.1',
      tree: withChanges(v41.tree, { [`${v41Measurements}/mlperf.conf`]: undefined }),
      errors: [{ messageId: 'missing', file: v41Measurements, unit: v41.path, message: 'mlperf.conf is missing' }],
    },
    {
      name: 'v5.1 without user.conf and README.md',
      round: 'v5.1',
      tree: withChanges(v51.tree, { [`${v51Measurements}/user.conf`]: undefined, [`${v51Measurements}/README.md`]: undefined }),
      errors: [
        { messageId: 'missing', file: v51Measurements, message: 'README.md is missing' },
        { messageId: 'missing', file: v51Measurements, message: 'user.conf is missing' },
      ],
    },
    {
      name: 'v6.0 without user.conf, in the official profile',
      round: 'v6.0',
      profile: 'official',
      tree: withChanges(v60.tree, { [`${v60.path}/user.conf`]: undefined }),
      errors: [{ messageId: 'missing', file: v60.path, message: 'user.conf is missing' }],
    },
  ],
});
