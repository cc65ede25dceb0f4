import rule from '../../../src/rules/perf/scenario-inference.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';
import { withLogValue } from './mllog-edits.ts';

// Edge system: MultiStream and Offline results inferred from SingleStream runs.
const edgeMultiStream = realResult('v5.1', 'open/Lenovo/results/se100_ultra7_255h/resnet50/MultiStream');
const edgeSingleStream = realResult('v5.1', 'open/Lenovo/results/se100_ultra7_255h/resnet50/SingleStream');
const singleStreamLogPath = `${edgeSingleStream.path}/performance/run_1/mlperf_log_detail.txt`;
const singleStreamFromOffline = withChanges(edgeSingleStream.tree, {
  [singleStreamLogPath]: withLogValue(String(edgeSingleStream.tree[singleStreamLogPath]), 'effective_scenario', '"Offline"'),
});

// Datacenter system.
const offline = realResult('v6.0', 'closed/MiTAC/results/8xMI350X_2xEPYC-9755/llama2-70b-99.9/Offline');
const offlineLogPath = `${offline.path}/performance/run_1/mlperf_log_detail.txt`;
const offlineFromServer = withChanges(offline.tree, { [offlineLogPath]: withLogValue(String(offline.tree[offlineLogPath]), 'effective_scenario', '"Server"') });
const interactive = realResult('v6.0', 'closed/MiTAC/results/8xMI350X_2xEPYC-9755/llama2-70b-99.9/Interactive');
const interactiveLogPath = `${interactive.path}/performance/run_1/mlperf_log_detail.txt`;
const interactiveFromOffline = withChanges(interactive.tree, {
  [interactiveLogPath]: withLogValue(String(interactive.tree[interactiveLogPath]), 'effective_scenario', '"Offline"'),
});

testRule(rule, {
  valid: [
    { name: 'MultiStream inferred from SingleStream on an edge system', round: 'v5.1', tree: edgeMultiStream.tree },
    { name: 'an Interactive result from the Server run LoadGen makes of it', round: 'v6.0', tree: interactive.tree, profile: 'official' },
    { name: 'the monolith does not restrict inference to edge systems', round: 'v5.1', tree: offlineFromServer, profile: 'official' },
    { name: 'nor to the inferable pairs', round: 'v5.1', tree: singleStreamFromOffline, profile: 'official' },
    { name: 'the v4.1 monolith checks nothing', round: 'v4.1', tree: interactiveFromOffline, profile: 'official' },
  ],
  invalid: [
    {
      name: 'a datacenter result from a run of another scenario',
      round: 'v6.0',
      profile: 'official',
      tree: offlineFromServer,
      errors: [{ messageId: 'notEdge', file: offlineLogPath, message: 'system_type is "datacenter"' }],
    },
    {
      name: 'a SingleStream result cannot be inferred from an Offline run',
      round: 'v5.1',
      tree: singleStreamFromOffline,
      errors: [{ messageId: 'cannotInfer', file: singleStreamLogPath, message: 'This SingleStream result comes from a run of the Offline scenario' }],
    },
    {
      name: 'the monolith requires a Server run for an Interactive folder',
      round: 'v5.1',
      profile: 'official',
      tree: interactiveFromOffline,
      errors: [{ messageId: 'cannotInfer', file: interactiveLogPath, message: 'This Interactive result' }],
    },
  ],
});
