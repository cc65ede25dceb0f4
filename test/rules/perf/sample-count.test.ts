import rule from '../../../src/rules/perf/sample-count.ts';
import { qwenEndpoints } from '../../support/endpoints.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';
import { lineOf, withLogValue } from './mllog-edits.ts';

const result = realResult('v6.0', 'closed/RedHat/results/8xH200_whisper/whisper/Offline');
const logPath = `${result.path}/performance/run_1/mlperf_log_detail.txt`;
const log = String(result.tree[logPath]);
const withCount = (value: string | undefined) => withChanges(result.tree, { [logPath]: withLogValue(log, 'effective_performance_sample_count', value) });

const endpoints = qwenEndpoints();

testRule(rule, {
  valid: [
    { name: 'a v6.1 endpoints run has no performance sample set (skipped officially)', round: 'v6.1', profile: 'official', tree: endpoints.tree },
    { name: 'a real published result', round: 'v6.0', tree: result.tree, profile: 'official' },
    { name: 'exactly the required count', round: 'v6.0', tree: withCount('1633') },
  ],
  invalid: [
    {
      name: 'a smaller performance sample count',
      round: 'v6.0',
      profile: 'official',
      tree: withCount('1632'),
      errors: [{ messageId: 'tooFew', file: logPath, line: lineOf(log, 'effective_performance_sample_count'), message: 'loaded 1632 performance samples' }],
    },
    {
      name: 'no effective_performance_sample_count',
      round: 'v5.1',
      tree: withCount(undefined),
      errors: [{ messageId: 'missingKey', file: logPath, message: 'effective_performance_sample_count' }],
    },
  ],
});
