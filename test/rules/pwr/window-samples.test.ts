import rule from '../../../src/rules/pwr/window-samples.ts';
import { testRule } from '../../support/rule-tester.ts';
import { editText, offline, performanceFile, ROUND, withoutKey } from './power-result.ts';

const spl = performanceFile(offline, 'run_1/spl.txt');
const log = performanceFile(offline, 'run_1/mlperf_log_detail.txt');
const lines = (text: string): string[] => text.split('\n');

testRule(rule, {
  valid: [
    { name: 'a real power result', round: ROUND, tree: offline.tree },
    {
      name: 'an unreadable sample outside the window is never converted',
      round: ROUND,
      tree: editText(offline, spl, (text) => text.replace('Watts,171.300000', 'Watts,n/a')),
    },
  ],
  invalid: [
    {
      name: 'samples of another day',
      round: ROUND,
      tree: editText(offline, spl, (text) => text.replaceAll('07-23-2024', '07-22-2024')),
      errors: [{ messageId: 'noSamples', file: spl, message: 'between power_begin (07-23-2024 13:47:29.313) and power_end (07-23-2024 13:58:26.498)' }],
    },
    {
      name: 'samples with no power',
      round: ROUND,
      tree: editText(offline, spl, (text) => text.replace(/Watts,[\d.]+/g, 'Watts,0.000000')),
      errors: [{ messageId: 'noSamples', file: spl }],
    },
    {
      name: 'no power_begin in the performance log',
      round: ROUND,
      tree: editText(offline, log, (text) => withoutKey(text, 'power_begin')),
      errors: [{ messageId: 'noWindow', file: log, message: 'it has no power_begin' }],
    },
    {
      name: 'a sample inside the window whose power is not a number',
      round: ROUND,
      tree: editText(offline, spl, (text) => lines(text).map((line, index) => (index === 400 ? line.replace(/Watts,[\d.]+/, 'Watts,n/a') : line)).join('\n')),
      errors: [{ messageId: 'badSample', file: spl, line: 401, message: '"n/a" is not a number' }],
    },
    {
      name: 'a sample with an impossible timestamp',
      round: ROUND,
      tree: editText(offline, spl, (text) => text.replace('07-23-2024 13:43:39.220', '07-32-2024 13:43:39.220')),
      errors: [{ messageId: 'badSample', file: spl, line: 1, message: 'timestamp "07-32-2024 13:43:39.220"' }],
    },
  ],
});
