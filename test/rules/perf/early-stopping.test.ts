import rule from '../../../src/rules/perf/early-stopping.ts';
import { qwenEndpoints } from '../../support/endpoints.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';
import { lineOf, withLogValue } from './mllog-edits.ts';

const server = realResult('v6.0', 'closed/MiTAC/results/8xMI350X_2xEPYC-9755/llama2-70b-99.9/Server');
const logPath = `${server.path}/performance/run_1/mlperf_log_detail.txt`;
const log = String(server.tree[logPath]);
const notMet = withChanges(server.tree, { [logPath]: withLogValue(log, 'early_stopping_met', 'false') });

const endpoints = qwenEndpoints();

testRule(rule, {
  valid: [
    { name: 'a v6.1 endpoints Online (Server) run: early stopping is waived', round: 'v6.1', profile: 'official', tree: endpoints.tree },
    { name: 'a real published result', round: 'v6.0', tree: server.tree, profile: 'official' },
  ],
  invalid: [
    {
      name: 'the monolith (up to v5.1) only logs it: a warning, no rejection',
      round: 'v5.1',
      tree: notMet,
      profile: 'official',
      errors: [{ messageId: 'notMet', severity: 'warning' }],
    },
    {
      name: 'a Server run that did not meet early stopping, with the LLM explanations',
      round: 'v6.0',
      profile: 'official',
      tree: notMet,
      errors: [{ messageId: 'notMet', file: logPath, line: lineOf(log, 'early_stopping_met'), message: 'early_stopping_ttft_result: "* Run successful."' }],
    },
    {
      name: 'every round in the recommended profile',
      round: 'v5.1',
      tree: notMet,
      errors: [{ messageId: 'notMet', message: 'this Server run' }],
    },
    {
      name: 'no early_stopping_met event',
      round: 'v6.0',
      profile: 'official',
      tree: withChanges(server.tree, { [logPath]: withLogValue(log, 'early_stopping_met', undefined) }),
      errors: [{ messageId: 'noFlag', file: logPath }],
    },
  ],
});
