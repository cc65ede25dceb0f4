import rule from '../../../src/rules/meas/nonempty-files.ts';
import { testRule } from '../../support/rule-tester.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';

const v41 = realResult('v4.1', 'closed/ConnectTechInc/results/Orin_TRT/gptj-99/Offline');
const v41Measurements = 'closed/ConnectTechInc/measurements/Orin_TRT/gptj-99/Offline';
const v60 = realResult('v6.0', 'closed/RedHat/results/8xH200-LLM-D-Openshift/gpt-oss-120b/Offline');

testRule(rule, {
  valid: [
    { name: 'a real v4.1 result', round: 'v4.1', tree: v41.tree },
    { name: 'a real v6.0 result', round: 'v6.0', tree: v60.tree },
    { name: 'an empty mlperf.conf is not checked from v5.0 (the file is no longer required)', round: 'v6.0', tree: withChanges(v60.tree, { [`${v60.path}/mlperf.conf`]: '' }) },
  ],
  invalid: [
    {
      name: 'v4.1 with an empty mlperf.conf',
      round: 'v4.1',
      profile: 'official',
      tree: withChanges(v41.tree, { [`${v41Measurements}/mlperf.conf`]: '' }),
      errors: [{ messageId: 'empty', file: `${v41Measurements}/mlperf.conf`, unit: v41.path }],
    },
    {
      name: 'v6.0 with an empty user.conf and README.md',
      round: 'v6.0',
      tree: withChanges(v60.tree, { [`${v60.path}/user.conf`]: '', [`${v60.path}/README.md`]: '' }),
      errors: [
        { messageId: 'empty', file: `${v60.path}/README.md` },
        { messageId: 'empty', file: `${v60.path}/user.conf` },
      ],
    },
  ],
});
