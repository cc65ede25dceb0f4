import rule from '../../../src/rules/perf/loadgen-errors.ts';
import type { MemoryNode } from '../../../src/tree/memory-fs.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';
import { errorEvent, lineOf, withLogValue } from './mllog-edits.ts';

const result = realResult('v5.1', 'closed/Broadcom_Supermicro/results/vSYS-422GA-NBRT-B200-SXM-180GBx8_TRT/whisper/Offline');
const logPath = `${result.path}/performance/run_1/mlperf_log_detail.txt`;
const log = String(result.tree[logPath]);
const lines = log.split('\n');

/** The log with LoadGen error events inserted after its third line, and num_errors counting them. */
function withErrors(...messages: string[]): Record<string, MemoryNode> {
  const text = [...lines.slice(0, 3), ...messages.map((message) => errorEvent('error_runtime', message)), ...lines.slice(3)].join('\n');
  return withChanges(result.tree, { [logPath]: withLogValue(text, 'num_errors', String(messages.length)) });
}

testRule(rule, {
  valid: [
    { name: 'a real published result', round: 'v5.1', tree: result.tree, profile: 'official' },
    { name: 'the modular checker (v6.0+) ignores LoadGen errors without --submission-exceptions', round: 'v6.0', tree: withErrors('Invalid sample index'), profile: 'official' },
  ],
  invalid: [
    {
      name: 'one LoadGen error',
      round: 'v5.1',
      profile: 'official',
      tree: withErrors('Invalid sample index'),
      errors: [{ messageId: 'errors', file: logPath, line: 4, message: 'line 4: "Invalid sample index"' }],
    },
    {
      name: 'a LoadGen built from a dirty checkout is an error without --submission-exceptions',
      round: 'v5.1',
      tree: withErrors('Loadgen built with uncommitted changes!'),
      errors: [{ messageId: 'errors', line: 4, message: 'uncommitted changes' }],
    },
    {
      name: 'many errors are counted, the first five quoted',
      round: 'v6.0',
      tree: withErrors('e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7'),
      errors: [{ messageId: 'errors', message: 'line 8: "e5"; and 2 more' }],
    },
    {
      name: 'num_errors counts errors the log does not show',
      round: 'v5.1',
      tree: withChanges(result.tree, { [logPath]: withLogValue(log, 'num_errors', '2') }),
      errors: [{ messageId: 'errorCount', line: lineOf(log, 'num_errors'), message: 'num_errors = 2' }],
    },
  ],
});
