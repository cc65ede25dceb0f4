import rule from '../../../src/rules/perf/log-parse.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

const result = realResult('v5.1', 'closed/Broadcom_Supermicro/results/vSYS-422GA-NBRT-B200-SXM-180GBx8_TRT/whisper/Offline');
const logPath = `${result.path}/performance/run_1/mlperf_log_detail.txt`;
const lines = String(result.tree[logPath]).split('\n');
const withLog = (text: string | Buffer | undefined) => withChanges(result.tree, { [logPath]: text });

/** The log with line `number` (1-based) cut in the middle, as a copy interrupted while writing leaves it. */
function truncatedAt(number: number): string {
  const copy = [...lines];
  const line = copy[number - 1] as string;
  copy[number - 1] = line.slice(0, Math.floor(line.length / 2));
  return copy.join('\n');
}

testRule(rule, {
  valid: [
    { name: 'a real published result', round: 'v5.1', tree: result.tree },
    { name: 'the same log in a modular round', round: 'v6.0', tree: result.tree, profile: 'official' },
    { name: 'no performance log at all is left to struct/perf-run1', round: 'v5.1', tree: withLog(undefined) },
    { name: 'lines without the marker after the first are ignored, as LoadGen prints other output', round: 'v5.1', tree: withLog([...lines.slice(0, 3), 'INFO some harness output', ...lines.slice(3)].join('\n')) },
  ],
  invalid: [
    {
      name: 'a harness banner before the first event',
      round: 'v5.1',
      tree: withLog(['Starting benchmark', ...lines].join('\n')),
      errors: [{ messageId: 'malformedLine', file: logPath, line: 1, message: 'Line 1 of the performance log does not start with an MLLOG marker' }],
    },
    {
      name: 'an event cut in the middle',
      round: 'v6.0',
      profile: 'official',
      tree: withLog(truncatedAt(7)),
      errors: [{ messageId: 'malformedLine', file: logPath, line: 7, message: 'is not a valid MLLOG event' }],
    },
    {
      name: 'a binary file in place of the log',
      round: 'v5.1',
      tree: withLog(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1])),
      errors: [{ messageId: 'unreadable', file: logPath, message: 'is a binary file' }],
    },
    {
      name: 'an empty log',
      round: 'v5.1',
      profile: 'official',
      tree: withLog(''),
      errors: [{ messageId: 'unreadable', file: logPath, message: 'The performance log is empty' }],
    },
  ],
});
