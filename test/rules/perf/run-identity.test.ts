import rule from '../../../src/rules/perf/run-identity.ts';
import { realResult } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';
import { lineOf, withEditedFile, withLogValue } from './mllog-edits.ts';

const RUN_LOG = 'performance/run_1/mlperf_log_detail.txt';

// v4.1: a closed Server result with TEST01, TEST04 and TEST05.
const resnet = realResult('v4.1', 'closed/Intel/results/1-node-2S-EMR-PyTorch/resnet50/Server');
const compliance = 'closed/Intel/compliance/1-node-2S-EMR-PyTorch/resnet50/Server';
const accuracyLog = `${resnet.path}/accuracy/mlperf_log_detail.txt`;
const testLog = (test: string) => `${compliance}/${test}/${RUN_LOG}`;
const withEvent = (path: string, key: string, value: string | undefined) => withEditedFile(resnet.tree, path, (log) => withLogValue(log, key, value));

// Published results whose runs differ legitimately: TEST01 and TEST05 of bert-99 ran another commit of LoadGen 4.1;
// gpt-oss-120b's accuracy run loads its 4395-sample subset and TEST07 its own 990-sample set.
const bert = realResult('v4.1', 'closed/Intel/results/1-node-2S-EMR-PyTorch/bert-99/Server');
const gptOss = realResult('v6.0', 'closed/RedHat/results/8xH200-LLM-D-Openshift/gpt-oss-120b/Offline');
// An open MultiStream result inferred from a SingleStream performance run (its accuracy run is SingleStream too).
const inferred = realResult('v5.1', 'open/Lenovo/results/se100_ultra7_255h/resnet50/MultiStream');
const inferredWithAccuracyIn = (scenario: string) =>
  withEditedFile(inferred.tree, `${inferred.path}/accuracy/mlperf_log_detail.txt`, (log) => withLogValue(log, 'effective_scenario', JSON.stringify(scenario)));
// A published result whose accuracy/ holds the log of an Offline run.
const amd = realResult('v4.1', 'closed/AMD/results/1xMI300X_2xEPYC-9374F/llama2-70b-99/Server');
const amdAccuracyLog = `${amd.path}/accuracy/mlperf_log_detail.txt`;

testRule(rule, {
  valid: [
    { name: 'a real result and its compliance runs', round: 'v4.1', tree: resnet.tree },
    { name: 'compliance runs on another commit of the same LoadGen release', round: 'v4.1', tree: bert.tree },
    { name: 'accuracy and TEST07 runs with data sets of their own', round: 'v6.0', tree: gptOss.tree },
    { name: 'an accuracy run in the folder\'s scenario, for a result inferred from another scenario\'s run', round: 'v5.1', tree: inferredWithAccuracyIn('MultiStream') },
  ],
  invalid: [
    {
      name: 'a published result whose accuracy run ran another scenario',
      round: 'v4.1',
      tree: amd.tree,
      errors: [{ messageId: 'differentScenario', file: amdAccuracyLog, line: lineOf(String(amd.tree[amdAccuracyLog]), 'effective_scenario'), severity: 'error', message: 'The accuracy run ran the Offline scenario (effective_scenario), but the performance run of this result ran Server' }],
    },
    {
      name: 'an inferred result\'s accuracy run in neither its folder\'s scenario nor its performance run\'s',
      round: 'v5.1',
      tree: inferredWithAccuracyIn('Offline'),
      errors: [{ messageId: 'differentScenario', file: `${inferred.path}/accuracy/mlperf_log_detail.txt`, message: 'ran the Offline scenario (effective_scenario), but the performance run of this result ran SingleStream' }],
    },
    {
      name: 'another system under test',
      round: 'v4.1',
      tree: withEvent(accuracyLog, 'sut_name', '"OtherSUT"'),
      errors: [{ messageId: 'differentSut', file: accuracyLog, severity: 'warning', message: 'The accuracy run names the system under test "OtherSUT" (sut_name), but the performance run names it "SUT_Server"' }],
    },
    {
      name: 'another LoadGen release',
      round: 'v4.1',
      tree: withEvent(testLog('TEST04'), 'loadgen_version', '"4.0 @ 1234567890"'),
      errors: [{ messageId: 'differentRelease', file: testLog('TEST04'), message: 'The TEST04 run used LoadGen 4.0 @ 1234567890 (loadgen_version)' }],
    },
    {
      name: 'the same LoadGen commit with another date',
      round: 'v4.1',
      tree: withEvent(testLog('TEST01'), 'loadgen_git_commit_date', '"2024-01-01T00:00:00-05:00"'),
      errors: [{ messageId: 'commitDateMismatch', file: testLog('TEST01'), message: 'yet its commit date is 2024-01-01T00:00:00-05:00' }],
    },
    {
      name: 'a compliance run that loaded the data set differently',
      round: 'v4.1',
      tree: withEvent(testLog('TEST01'), 'qsl_reported_performance_count', '32'),
      errors: [{ messageId: 'differentQsl', file: testLog('TEST01'), message: 'The TEST01 run reports qsl_reported_performance_count = 32, but the performance run reports 64' }],
    },
    {
      name: 'a log without sut_name cannot be compared',
      round: 'v4.1',
      tree: withEvent(testLog('TEST05'), 'sut_name', undefined),
      errors: [{ messageId: 'cannotCompare', file: testLog('TEST05'), severity: 'info', message: 'The logs of the TEST05 run and of the performance run do not both have sut_name' }],
    },
  ],
});
