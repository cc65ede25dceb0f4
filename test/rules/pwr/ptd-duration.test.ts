import rule from '../../../src/rules/pwr/ptd-duration.ts';
import { testRule } from '../../support/rule-tester.ts';
import { editJson, editText, offline, performanceFile, ROUND, withValue } from './power-result.ts';

const runLog = performanceFile(offline, 'run_1/mlperf_log_detail.txt');
const shortRun = editText(offline, runLog, (text) => withValue(text, 'power_end', '07-23-2024 13:50:00.000'));

testRule(rule, {
  valid: [
    { name: 'a real power result', round: ROUND, tree: offline.tree },
    {
      // The clocks are compared first: when they disagree the checker never gets to the durations.
      name: 'a short run in a session whose clocks disagree',
      round: ROUND,
      tree: editJson(shortRun, performanceFile(offline, 'power/server.json'), (json) => {
        json['phases'] = { ranging: [[0], [1], [2], [3]], testing: [[0], [1], [2], [3]] };
      }),
    },
  ],
  invalid: [
    {
      name: 'a measured run of 150 s after a ranging run of 657 s',
      round: ROUND,
      profile: 'official',
      tree: shortRun,
      errors: [{ messageId: 'shortRun', file: runLog, severity: 'warning', message: 'The measured run (150.69 s) is 77.07 % shorter than the ranging run (657.19 s)' }],
    },
  ],
});
