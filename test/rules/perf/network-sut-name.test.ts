import rule from '../../../src/rules/perf/network-sut-name.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';
import { withJsonFields } from '../../support/tree-edits.ts';
import { lineOf, withLogValue } from './mllog-edits.ts';

const result = realResult('v6.0', 'closed/RedHat/results/8xH200_whisper/whisper/Offline');
const logPath = `${result.path}/performance/run_1/mlperf_log_detail.txt`;
const log = String(result.tree[logPath]);
const overNetwork = withJsonFields(result.tree, 'closed/RedHat/systems/8xH200_whisper.json', { is_network: 'true' });
const withSutName = (value: string | undefined) => withChanges(overNetwork, { [logPath]: withLogValue(log, 'sut_name', value) });

testRule(rule, {
  valid: [
    { name: 'a real published result (not over the network)', round: 'v6.0', tree: result.tree, profile: 'official' },
    { name: 'a network SUT', round: 'v5.1', tree: withSutName('"PySUT Network SUT"'), profile: 'official' },
  ],
  invalid: [
    {
      name: 'a local SUT name for a system over the network',
      round: 'v6.0',
      profile: 'official',
      tree: overNetwork,
      errors: [{ messageId: 'notNetworkSut', file: logPath, line: lineOf(log, 'sut_name'), message: 'names the SUT "PySUT"' }],
    },
    {
      name: 'no sut_name',
      round: 'v6.0',
      tree: withSutName(undefined),
      errors: [{ messageId: 'noSutName', file: logPath }],
    },
  ],
});
