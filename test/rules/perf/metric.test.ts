import rule from '../../../src/rules/perf/metric.ts';
import { gptOssEndpoints, qwenEndpoints, withConfigLine } from '../../support/endpoints.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';
import { withLogValue } from './mllog-edits.ts';

const result = realResult('v5.1', 'closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b/Offline');
const logPath = `${result.path}/performance/run_1/mlperf_log_detail.txt`;
const log = String(result.tree[logPath]);

const gptOss = gptOssEndpoints();
const qwen = qwenEndpoints();

testRule(rule, {
  valid: [
    { name: 'v6.1 endpoints results: samples/s (Offline) and queries/s (Online)', round: 'v6.1', profile: 'official', tree: qwen.tree },
    // The recommended profile reads an LLM's Offline tokens per second from `tps`, which the endpoints log does carry.
    { name: 'a v6.1 endpoints LLM Offline result, recommended profile', round: 'v6.1', tree: gptOss.tree },
    { name: 'a real published result', round: 'v5.1', tree: result.tree },
    { name: 'no performance log at all is left to struct/perf-run1', round: 'v5.1', tree: withChanges(result.tree, { [logPath]: undefined }) },
    { name: 'a log that is not an MLLOG file is left to perf/log-parse', round: 'v5.1', tree: withChanges(result.tree, { [logPath]: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1]) }) },
  ],
  invalid: [
    {
      // #2649: the LoadGen override result_tokens_per_second applies, and the endpoints parser never writes it.
      name: 'official v6.1: an endpoints LLM Offline result has no result_tokens_per_second',
      round: 'v6.1',
      profile: 'official',
      tree: gptOss.tree,
      errors: [{ messageId: 'endpointsKeyNeverWritten', file: `${gptOss.offline}/performance/result_summary.json`, message: 'from result_tokens_per_second' }],
    },
    {
      name: 'a v6.1 endpoints result whose config.yaml names no scenario',
      round: 'v6.1',
      tree: withConfigLine(qwen.tree, qwen.offline, /^type: .*$/m, 'kind: "Offline"'),
      errors: [{ messageId: 'noEndpointsMetric', file: `${qwen.offline}/performance/result_summary.json`, message: 'config.yaml gives no scenario' }],
    },
    {
      name: 'the metric line removed from the log',
      round: 'v5.1',
      tree: withChanges(result.tree, { [logPath]: withLogValue(log, 'result_tokens_per_second', undefined) }),
      errors: [{ messageId: 'noMetric', file: logPath, message: 'result_tokens_per_second' }],
    },
    {
      name: 'no effective_scenario',
      round: 'v6.0',
      profile: 'official',
      tree: withChanges(result.tree, { [logPath]: withLogValue(log, 'effective_scenario', undefined) }),
      errors: [{ messageId: 'noMetric', file: logPath, message: 'no effective_scenario' }],
    },
  ],
});
