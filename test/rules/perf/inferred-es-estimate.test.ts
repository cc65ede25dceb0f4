import rule from '../../../src/rules/perf/inferred-es-estimate.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';
import { lineOf, withLogValue } from './mllog-edits.ts';

// A MultiStream result inferred from a SingleStream run on an edge system.
const result = realResult('v5.1', 'open/Lenovo/results/se100_ultra7_255h/resnet50/MultiStream');
const logPath = `${result.path}/performance/run_1/mlperf_log_detail.txt`;
const log = String(result.tree[logPath]);
const withEstimate = (value: string | undefined) => withChanges(result.tree, { [logPath]: withLogValue(log, 'early_stopping_latency_ms', value) });

testRule(rule, {
  valid: [
    { name: 'a real published result', round: 'v5.1', tree: result.tree, profile: 'official' },
    { name: 'the v4.1 monolith computes the condition but never uses it', round: 'v4.1', tree: withEstimate('0'), profile: 'official' },
  ],
  invalid: [
    {
      name: 'no early-stopping estimate',
      round: 'v5.1',
      profile: 'official',
      tree: withEstimate('0'),
      errors: [{ messageId: 'noEstimate', file: logPath, line: lineOf(log, 'early_stopping_latency_ms') }],
    },
    {
      name: 'no early_stopping_latency_ms',
      round: 'v6.0',
      tree: withEstimate(undefined),
      errors: [{ messageId: 'missingKey', message: 'early_stopping_latency_ms' }],
    },
  ],
});
