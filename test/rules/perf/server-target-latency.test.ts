import rule from '../../../src/rules/perf/server-target-latency.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';
import { lineOf, withLogValue } from './mllog-edits.ts';

const server = realResult('v6.0', 'closed/MiTAC/results/8xMI350X_2xEPYC-9755/llama2-70b-99.9/Server');
const logPath = `${server.path}/performance/run_1/mlperf_log_detail.txt`;
const log = String(server.tree[logPath]);
const withTarget = (value: string | undefined) => withChanges(server.tree, { [logPath]: withLogValue(log, 'effective_target_latency_ns', value) });

testRule(rule, {
  valid: [
    { name: 'a real published result (LLMs configure a target of 0)', round: 'v6.0', tree: server.tree, profile: 'official' },
    { name: 'exactly the constraint', round: 'v5.1', tree: withTarget('20000000000'), profile: 'official' },
  ],
  invalid: [
    {
      name: 'a target latency above the Server constraint',
      round: 'v6.0',
      profile: 'official',
      tree: withTarget('20000000001'),
      errors: [{ messageId: 'aboveConstraint', file: logPath, line: lineOf(log, 'effective_target_latency_ns'), message: 'target latency of 20000000001 ns' }],
    },
    {
      name: 'no effective_target_latency_ns',
      round: 'v5.1',
      profile: 'official',
      tree: withTarget(undefined),
      errors: [{ messageId: 'missingKey', message: 'effective_target_latency_ns' }],
    },
  ],
});
