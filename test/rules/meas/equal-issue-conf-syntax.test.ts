import rule from '../../../src/rules/meas/equal-issue-conf-syntax.ts';
import { testRule } from '../../support/rule-tester.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';

// llama2-70b-99.9 is on the v4.1 checker's equal-issue list; gptj-99 is not (its list lacks a comma there).
const llama = realResult('v4.1', 'closed/AMD/results/1xMI300X_2xEPYC-9374F/llama2-70b-99.9/Offline');
const llamaConf = 'closed/AMD/measurements/1xMI300X_2xEPYC-9374F/llama2-70b-99.9/Offline/user.conf';
const gptj = realResult('v4.1', 'closed/ConnectTechInc/results/Orin_TRT/gptj-99/Offline');
const gptjConf = 'closed/ConnectTechInc/measurements/Orin_TRT/gptj-99/Offline/user.conf';
const tabbedComment = 'llama2-70b.Offline.target_qps = 10\n\t# tuned on 2024-07-01\n';

testRule(rule, {
  valid: [
    { name: 'a real v4.1 equal-issue result', round: 'v4.1', tree: llama.tree, profile: 'official' },
    { name: 'a benchmark the v4.1 list does not name is not parsed', round: 'v4.1', profile: 'official', tree: withChanges(gptj.tree, { [gptjConf]: tabbedComment }) },
    { name: 'later checkers do not parse the conf files', round: 'v5.1', profile: 'official', tree: withChanges(llama.tree, { [llamaConf]: tabbedComment }) },
  ],
  invalid: [
    {
      name: 'a tab before "#" in user.conf',
      round: 'v4.1',
      profile: 'official',
      tree: withChanges(llama.tree, { [llamaConf]: tabbedComment }),
      errors: [{ messageId: 'crash', file: llamaConf, line: 2, unit: llama.path, severity: 'error' }],
    },
    {
      name: 'a key with an extra dot, warned about in the recommended profile',
      round: 'v4.1',
      tree: withChanges(llama.tree, { [llamaConf]: 'llama2-70b.v2.Offline.target_qps = 10\n' }),
      errors: [{ messageId: 'crash', file: llamaConf, line: 1, severity: 'warning', message: '"llama2-70b.v2.Offline.target_qps = 10"' }],
    },
  ],
});
