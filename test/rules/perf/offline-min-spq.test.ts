import rule from '../../../src/rules/perf/offline-min-spq.ts';
import { qwenEndpoints } from '../../support/endpoints.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';
import { lineOf, withLogValue } from './mllog-edits.ts';

const closed = realResult('v6.0', 'closed/RedHat/results/8xH200_whisper/whisper/Offline');
const closedLogPath = `${closed.path}/performance/run_1/mlperf_log_detail.txt`;
const closedLog = String(closed.tree[closedLogPath]);
const withSpq = (value: string | undefined) => withChanges(closed.tree, { [closedLogPath]: withLogValue(closedLog, 'effective_samples_per_query', value) });

const open = realResult('v4.1', 'open/Krai/results/7920t-kilt-onnxruntime_cpu/resnet50/offline');
const openLogPath = `${open.path}/performance/run_1/mlperf_log_detail.txt`;
const openFew = withChanges(open.tree, { [openLogPath]: withLogValue(String(open.tree[openLogPath]), 'effective_samples_per_query', '1000') });

const endpoints = qwenEndpoints();

testRule(rule, {
  valid: [
    { name: 'a v6.1 endpoints Offline run has no LoadGen queries (skipped officially)', round: 'v6.1', profile: 'official', tree: endpoints.tree },
    { name: 'a real published result', round: 'v6.0', tree: closed.tree, profile: 'official' },
    { name: 'exactly the minimum', round: 'v6.0', tree: withSpq('1633') },
    { name: 'the open division in the recommended profile', round: 'v4.1', tree: openFew },
  ],
  invalid: [
    {
      name: 'too few samples in the Offline query',
      round: 'v6.0',
      profile: 'official',
      tree: withSpq('1632'),
      errors: [{ messageId: 'tooFew', file: closedLogPath, line: lineOf(closedLog, 'effective_samples_per_query'), message: 'issued 1632 samples' }],
    },
    {
      name: 'the monolith checks the open division too',
      round: 'v4.1',
      profile: 'official',
      tree: openFew,
      errors: [{ messageId: 'tooFew', file: openLogPath, message: 'below the 24576 required for resnet' }],
    },
    {
      name: 'no effective_samples_per_query',
      round: 'v6.0',
      tree: withSpq(undefined),
      errors: [{ messageId: 'missingKey', message: 'effective_samples_per_query' }],
    },
  ],
});
