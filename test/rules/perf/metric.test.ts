import rule from '../../../src/rules/perf/metric.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

const result = realResult('v5.1', 'closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b/Offline');
const logPath = `${result.path}/performance/run_1/mlperf_log_detail.txt`;
const log = String(result.tree[logPath]);

testRule(rule, {
  valid: [
    { name: 'a real published result', round: 'v5.1', tree: result.tree },
    { name: 'no performance log at all is left to struct/perf-run1', round: 'v5.1', tree: withChanges(result.tree, { [logPath]: undefined }) },
  ],
  invalid: [
    {
      name: 'the metric line removed from the log',
      round: 'v5.1',
      tree: withChanges(result.tree, { [logPath]: log.split('\n').filter((line) => !line.includes('"result_tokens_per_second"')).join('\n') }),
      errors: [{ messageId: 'noMetric', file: logPath, message: 'result_tokens_per_second' }],
    },
    {
      name: 'a binary file in place of the log',
      round: 'v5.1',
      tree: withChanges(result.tree, { [logPath]: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1]) }),
      errors: [{ messageId: 'noMetric', message: 'binary' }],
    },
  ],
});
