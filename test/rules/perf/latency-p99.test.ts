import rule from '../../../src/rules/perf/latency-p99.ts';
import { GPT_OSS_ONLINE_SPEC, gptOssEndpoints, QWEN_ONLINE_SPEC, qwenEndpoints } from '../../support/endpoints.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';
import { withLogValue } from './mllog-edits.ts';

// A Server folder holding an Offline run: the one way a LoadGen result meets a latency constraint without early stopping.
const server = realResult('v6.0', 'closed/MiTAC/results/8xMI350X_2xEPYC-9755/llama2-70b-99.9/Server');
const logPath = `${server.path}/performance/run_1/mlperf_log_detail.txt`;
const offlineRun = withLogValue(String(server.tree[logPath]), 'effective_scenario', '"Offline"');
const withP99 = (value: string | undefined) => withChanges(server.tree, { [logPath]: withLogValue(offlineRun, 'result_99.00_percentile_latency_ns', value) });

// Endpoints runs have no early stopping: their p99 is held to the constraint (qwen3-vl Server: 12 s).
const qwen = qwenEndpoints();
const slowQwen = qwenEndpoints(undefined, { ...QWEN_ONLINE_SPEC, latencyP99Ns: 12_000_000_001 });
const slowGptOss = gptOssEndpoints(undefined, { ...GPT_OSS_ONLINE_SPEC, latencyP99Ns: 90_000_000_000 });

testRule(rule, {
  valid: [
    { name: 'a v6.1 endpoints Online (Server) run within 12 s', round: 'v6.1', tree: qwen.tree, profile: 'official' },
    { name: 'a v6.1 endpoints LLM run: TTFT and TPOT are its constraints (perf/llm-ttft-tpot)', round: 'v6.1', tree: slowGptOss.tree, profile: 'official' },
    { name: 'a real published result (early stopping: not this check)', round: 'v6.0', tree: server.tree, profile: 'official' },
    { name: 'within the constraint', round: 'v6.0', tree: withP99('20000000000'), profile: 'official' },
  ],
  invalid: [
    {
      name: 'a v6.1 endpoints Online (Server) run above 12 s',
      round: 'v6.1',
      profile: 'official',
      tree: slowQwen.tree,
      errors: [{ messageId: 'aboveConstraint', file: `${slowQwen.online}/performance/result_summary.json`, message: 'this Server result (run as Server) is 12000000001 ns' }],
    },
    {
      name: 'the monolith (up to v5.1) only logs it: a warning, no rejection',
      round: 'v5.1',
      tree: withP99('20000000001'),
      profile: 'official',
      errors: [{ messageId: 'aboveConstraint', severity: 'warning' }],
    },
    {
      name: 'above the constraint',
      round: 'v6.0',
      profile: 'official',
      tree: withP99('20000000001'),
      errors: [{ messageId: 'aboveConstraint', file: logPath, message: 'this Server result (run as Offline) is 20000000001 ns' }],
    },
    {
      name: 'no 99th-percentile latency',
      round: 'v5.1',
      tree: withP99(undefined),
      errors: [{ messageId: 'missingKey', message: 'result_99.00_percentile_latency_ns' }],
    },
  ],
});
