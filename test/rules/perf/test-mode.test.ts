import rule from '../../../src/rules/perf/test-mode.ts';
import type { MemoryNode } from '../../../src/tree/memory-fs.ts';
import { realResult } from '../../support/shared-data.ts';
import { gptOssEndpoints } from '../../support/endpoints.ts';
import { testRule } from '../../support/rule-tester.ts';
import { lineOf, withEditedFile, withLogValue } from './mllog-edits.ts';

const RUN_LOG = 'performance/run_1/mlperf_log_detail.txt';

// v4.1: a closed Server result with the performance runs of TEST01, TEST04 and TEST05.
const resnet = realResult('v4.1', 'closed/Intel/results/1-node-2S-EMR-PyTorch/resnet50/Server');
const performanceLog = `${resnet.path}/${RUN_LOG}`;
const accuracyLog = `${resnet.path}/accuracy/mlperf_log_detail.txt`;
const test04Log = `closed/Intel/compliance/1-node-2S-EMR-PyTorch/resnet50/Server/TEST04/${RUN_LOG}`;
const withMode = (path: string, mode: string | undefined) => withEditedFile(resnet.tree, path, (log) => withLogValue(log, 'effective_test_mode', mode));
/** The same tree filed in the open division, where compliance tests are not run. */
const inOpen = (tree: Record<string, MemoryNode>) => Object.fromEntries(Object.entries(tree).map(([path, content]) => [path.replace(/^closed\//, 'open/'), content]));

// A published v4.1 result whose accuracy/ holds the log of an Offline performance run (with an empty accuracy log).
const amd = realResult('v4.1', 'closed/AMD/results/1xMI300X_2xEPYC-9374F/llama2-70b-99/Server');
const amdAccuracyLog = `${amd.path}/accuracy/mlperf_log_detail.txt`;

testRule(rule, {
  valid: [
    { name: 'a real result and its compliance runs', round: 'v4.1', tree: resnet.tree },
    { name: 'a SubmissionRun runs accuracy and performance', round: 'v4.1', tree: withMode(performanceLog, '"SubmissionRun"') },
    { name: 'compliance runs are not checked in the open division', round: 'v4.1', tree: inOpen(withMode(test04Log, '"AccuracyOnly"')) },
    { name: 'an endpoints result has no LoadGen logs', round: 'v6.1', tree: gptOssEndpoints().tree },
    { name: 'no official checker looks (official profile)', round: 'v4.1', profile: 'official', tree: amd.tree },
  ],
  invalid: [
    {
      name: 'a published result whose accuracy/ holds a performance run',
      round: 'v4.1',
      tree: amd.tree,
      errors: [{ messageId: 'accuracyMode', file: amdAccuracyLog, line: lineOf(String(amd.tree[amdAccuracyLog]), 'effective_test_mode'), unit: amd.path, message: 'PerformanceOnly mode' }],
    },
    {
      name: 'an accuracy run in performance/run_1',
      round: 'v4.1',
      tree: withMode(performanceLog, '"AccuracyOnly"'),
      errors: [{ messageId: 'performanceMode', file: performanceLog, line: lineOf(String(resnet.tree[performanceLog]), 'effective_test_mode'), message: 'AccuracyOnly mode' }],
    },
    {
      name: 'a compliance run that is not PerformanceOnly',
      round: 'v4.1',
      tree: withMode(test04Log, '"FindPeakPerformance"'),
      errors: [{ messageId: 'complianceMode', file: test04Log, message: 'The TEST04 log records a run in FindPeakPerformance mode' }],
    },
    {
      name: 'a log without effective_test_mode cannot be verified',
      round: 'v4.1',
      tree: withMode(accuracyLog, undefined),
      errors: [{ messageId: 'noMode', file: accuracyLog, severity: 'info', message: 'The log of the accuracy run has no effective_test_mode' }],
    },
  ],
});
