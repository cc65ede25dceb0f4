import rule from '../../../src/rules/meas/user-conf-lines.ts';
import { testRule } from '../../support/rule-tester.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';

const v51 = realResult('v5.1', 'closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b/Offline');
const userConf = 'closed/RedHat/measurements/XE8640_4xH100_vLLM/llama3.1-8b/Offline/user.conf';
const v60 = realResult('v6.0', 'closed/RedHat/results/8xH200-LLM-D-Openshift/gpt-oss-120b/Offline');

const ignored = [
  '# lines LoadGen ignores without a word',
  '*.Offline.target_qps=5000',
  '*.Offline.min_query_count',
  'min_duration = 600000',
  'llama3_1-8b.offline.target_qps = 5000',
  '*.Offline.performance_sample_count = 13368',
  'llama3_1-8b.Offline.coalesce_queries = 1',
  '*.*.qsl_rng_seed = 1',
  '*.Offline.target_qps = 10 20',
].join('\n');

const rejected = ['#note on the qps', '*.Offline.target_qps= 5000', '*.Offline.min_duration = 600000 # ten minutes'].join('\n');

testRule(rule, {
  valid: [
    { name: 'a real v5.1 user.conf', round: 'v5.1', tree: v51.tree },
    {
      name: 'comments written as "#word" without a space, which LoadGen also skips',
      round: 'v5.1',
      tree: withChanges(v51.tree, { [userConf]: '#disabled\n#*.*.qsl_rng_seed = 1\n*.Offline.min_duration = 600000\n' }),
    },
    { name: 'the official checkers do not read user.conf', round: 'v5.1', profile: 'official', tree: withChanges(v51.tree, { [userConf]: rejected }) },
  ],
  invalid: [
    {
      name: 'a real v6.0 user.conf that sets performance_sample_count, which LoadGen does not know',
      round: 'v6.0',
      tree: v60.tree,
      errors: [{ messageId: 'unknownSetting', file: `${v60.path}/user.conf`, line: 8, unit: v60.path }],
    },
    {
      name: 'lines LoadGen ignores',
      round: 'v5.1',
      tree: withChanges(v51.tree, { [userConf]: ignored }),
      errors: [
        { messageId: 'noSpaces', file: userConf, line: 2, severity: 'warning', message: '"*.Offline.target_qps = 5000"' },
        { messageId: 'incomplete', line: 3 },
        { messageId: 'malformedKey', line: 4 },
        { messageId: 'unknownScenario', line: 5, message: '"offline"' },
        { messageId: 'unknownSetting', line: 6, message: '"performance_sample_count"' },
        { messageId: 'wrongScenario', line: 7, message: 'only for the Server scenario' },
        { messageId: 'mlperfConfOnly', line: 8 },
        { messageId: 'severalValues', line: 9, message: '(20)' },
      ],
    },
    {
      name: 'lines that make LoadGen reject the whole file',
      round: 'v6.0',
      tree: withChanges(v60.tree, { [`${v60.path}/user.conf`]: rejected }),
      errors: [
        { messageId: 'commentWithoutSpace', file: `${v60.path}/user.conf`, line: 1 },
        { messageId: 'expectedEquals', line: 2, message: '"5000"' },
        { messageId: 'nonNumeric', line: 3, message: '"#"' },
      ],
    },
  ],
});
