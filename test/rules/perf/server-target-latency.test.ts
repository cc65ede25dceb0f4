import rule from '../../../src/rules/perf/server-target-latency.ts';
import { qwenEndpoints } from '../../support/endpoints.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';
import { moved } from '../../support/tree-edits.ts';
import { lineOf, withLogValue } from './mllog-edits.ts';

const server = realResult('v6.0', 'closed/MiTAC/results/8xMI350X_2xEPYC-9755/llama2-70b-99.9/Server');
const logPath = `${server.path}/performance/run_1/mlperf_log_detail.txt`;
const log = String(server.tree[logPath]);
const withTarget = (value: string | undefined) => withChanges(server.tree, { [logPath]: withLogValue(log, 'effective_target_latency_ns', value) });
/** The run as a dlrm-v3 result configured with a 100 ms target: within the official 60 s, above the rules' 80 ms. */
const dlrmV3 = moved(withTarget('100000000'), 'closed/MiTAC/results/8xMI350X_2xEPYC-9755/llama2-70b-99.9', 'closed/MiTAC/results/8xMI350X_2xEPYC-9755/dlrm-v3');

const endpoints = qwenEndpoints();

testRule(rule, {
  valid: [
    { name: 'a v6.1 endpoints Online (Server) run configures no target latency', round: 'v6.1', profile: 'official', tree: endpoints.tree },
    { name: 'a real published result (LLMs configure a target of 0)', round: 'v6.0', tree: server.tree, profile: 'official' },
    { name: 'exactly the constraint', round: 'v5.1', tree: withTarget('20000000000'), profile: 'official' },
    { name: 'the official profile keeps the official dlrm-v3 constraint (60 s)', round: 'v6.0', tree: dlrmV3, profile: 'official' },
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
      name: 'the recommended profile holds dlrm-v3 to the 80 ms of the rules, naming the official 60 s',
      round: 'v6.1',
      tree: dlrmV3,
      errors: [{
        messageId: 'aboveCorrectedConstraint',
        file: 'closed/MiTAC/results/8xMI350X_2xEPYC-9755/dlrm-v3/Server/performance/run_1/mlperf_log_detail.txt',
        message: 'above the 80000000 ns constraint of dlrm-v3 that inference_rules.adoc §4.1 (DLRMv3: Server latency constraint 80 ms) states (the official table says 60000000000 ns',
      }],
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
