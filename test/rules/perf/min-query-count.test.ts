import rule from '../../../src/rules/perf/min-query-count.ts';
import { qwenEndpoints } from '../../support/endpoints.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';
import { lineOf, withLogValue } from './mllog-edits.ts';

const offline = realResult('v6.0', 'closed/RedHat/results/8xH200_whisper/whisper/Offline');
const logPath = `${offline.path}/performance/run_1/mlperf_log_detail.txt`;
const log = String(offline.tree[logPath]);
const withCount = (value: string | undefined) => withChanges(offline.tree, { [logPath]: withLogValue(log, 'effective_min_query_count', value) });

// v4.1 skips the check for the models its equal-issue list names.
const unet = realResult('v4.1', 'closed/Intel/results/1-node-2S-EMR-PyTorch/3d-unet-99/Offline');
const unetLogPath = `${unet.path}/performance/run_1/mlperf_log_detail.txt`;
const unetWithoutCount = withChanges(unet.tree, { [unetLogPath]: withLogValue(String(unet.tree[unetLogPath]), 'effective_min_query_count', undefined) });

const endpoints = qwenEndpoints();

testRule(rule, {
  valid: [
    { name: 'a v6.1 endpoints Offline run has no LoadGen query count (skipped officially)', round: 'v6.1', profile: 'official', tree: endpoints.tree },
    { name: 'a real published result', round: 'v6.0', tree: offline.tree, profile: 'official' },
    { name: 'v4.1 does not check the models of its equal-issue list', round: 'v4.1', tree: unetWithoutCount, profile: 'official' },
  ],
  invalid: [
    {
      name: 'an Offline run configured for no query',
      round: 'v6.0',
      profile: 'official',
      tree: withCount('0'),
      errors: [{ messageId: 'tooFew', file: logPath, line: lineOf(log, 'effective_min_query_count'), message: 'min_query_count 0' }],
    },
    {
      name: 'no effective_min_query_count (and every model in the recommended profile)',
      round: 'v4.1',
      tree: unetWithoutCount,
      errors: [{ messageId: 'missingKey', file: unetLogPath, message: 'effective_min_query_count' }],
    },
  ],
});
