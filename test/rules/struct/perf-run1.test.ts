import rule from '../../../src/rules/struct/perf-run1.ts';
import { qwenEndpoints } from '../../support/endpoints.ts';
import { realResult, without } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

const result = realResult('v5.1', 'closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b/Offline');

const endpoints = qwenEndpoints();

testRule(rule, {
  valid: [
    { name: 'a v6.1 endpoints result has no LoadGen run (its summary is performance/result_summary.json)', round: 'v6.1', profile: 'official', tree: endpoints.tree },
    { name: 'a real published result', round: 'v5.1', tree: result.tree },
  ],
  invalid: [
    {
      name: 'run_1 removed',
      round: 'v5.1',
      tree: without(result.tree, `${result.path}/performance/run_1`),
      errors: [{ messageId: 'missingRun', file: result.path, unit: result.path }],
    },
    {
      name: 'the detail log removed',
      round: 'v6.0',
      tree: without(result.tree, `${result.path}/performance/run_1/mlperf_log_detail.txt`),
      errors: [{ messageId: 'missingDetail', file: `${result.path}/performance/run_1` }],
    },
  ],
});
