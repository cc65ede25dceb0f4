import rule from '../../../src/rules/pwr/ptd-log.ts';
import { testRule } from '../../support/rule-tester.ts';
import { editJson, editText, offline, offlineWithPtdWarning, performanceFile, ROUND, withoutKey } from './power-result.ts';

const ptdLog = performanceFile(offline, 'power/ptd_logs.txt');
const appended = (line: string) => editText(offline, ptdLog, (text) => `${text}${line}\n`);
const aboveLimit = appended('07-23-2024 13:50:00.000: WARNING: Uncertainty 1.50%, which is above 1.00% limit for the last sample!');
const warningLog = performanceFile(offlineWithPtdWarning, 'power/ptd_logs.txt');
const errorAfterWarning = editText(offlineWithPtdWarning, warningLog, (text) => `${text}07-25-2024 11:30:00.000: ERROR: Analyzer disconnected\n`);

testRule(rule, {
  valid: [
    { name: 'a real power result', round: ROUND, tree: offline.tree },
    // The official margin around the measured run is 800 s on each side (milliseconds added to seconds): no 11-minute run has a "during".
    { name: 'uncertainty above 1 % during an 11-minute run, officially', round: ROUND, profile: 'official', tree: aboveLimit },
    // The official check ends at its first warning (line 976 here), so it never sees the error after it.
    { name: 'an error after the first warning, officially', round: ROUND, profile: 'official', tree: errorAfterWarning },
  ],
  invalid: [
    {
      name: 'uncertainty above 1 % during the measured run, by the rules',
      round: ROUND,
      tree: aboveLimit,
      errors: [{ messageId: 'uncertaintyAboveLimit', file: ptdLog, line: 3728, message: 'Uncertainty 1.50%' }],
    },
    {
      name: 'an error after the first warning, by the rules',
      round: ROUND,
      tree: errorAfterWarning,
      errors: [{ messageId: 'errorOutsideRanging', file: warningLog, message: 'Analyzer disconnected' }],
    },
    {
      name: 'an analyzer error during the measured run',
      round: ROUND,
      profile: 'official',
      tree: appended('07-23-2024 13:50:00.000: ERROR: Analyzer disconnected'),
      errors: [{ messageId: 'errorOutsideRanging', file: ptdLog, line: 3728 }],
    },
    {
      name: 'a PTD error without a timestamp',
      round: ROUND,
      tree: appended('ERROR: Analyzer disconnected'),
      errors: [{ messageId: 'untimedProblem', line: 3728, message: 'Line 3728 of ptd_logs.txt' }],
    },
    {
      name: 'no uncertainty checking',
      round: ROUND,
      tree: editText(offline, ptdLog, (text) => text.replace(/^.*Uncertainty checking for Yokogawa.*\n/m, '')),
      errors: [{ messageId: 'noUncertaintyCheck', file: ptdLog }],
    },
    {
      name: 'uncertainty checking turned on after the ranging run started',
      round: ROUND,
      tree: editText(offline, ptdLog, (text) => text.replace('07-23-2024 13:27:58.864: Uncertainty checking', '07-23-2024 13:30:00.000: Uncertainty checking')),
      errors: [{ messageId: 'uncertaintyLate', line: 20 }],
    },
    {
      name: 'the ranging run marked with another session name',
      round: ROUND,
      tree: editText(offline, ptdLog, (text) => text.replace("Go with mark '2024-07-23_09-27-46_ranging'", "Go with mark 'other_ranging'")),
      errors: [{ messageId: 'noRangingMarks', message: `"Go with mark '2024-07-23_09-27-46_ranging'"` }],
    },
    {
      name: 'a line that starts with an impossible time',
      round: ROUND,
      tree: editText(offline, ptdLog, (text) => `13-45-2024 10:00:00.000: banner\n${text}`),
      errors: [{ messageId: 'badTimestamp', line: 1 }],
    },
    {
      name: 'a timezone that is not a number',
      round: ROUND,
      tree: editJson(offline, performanceFile(offline, 'power/server.json'), (json) => {
        json['timezone'] = 'EDT';
      }),
      errors: [{ messageId: 'malformed', file: performanceFile(offline, 'power/server.json') }],
    },
    {
      name: 'no power_end in the performance log',
      round: ROUND,
      tree: editText(offline, performanceFile(offline, 'run_1/mlperf_log_detail.txt'), (text) => withoutKey(text, 'power_end')),
      errors: [{ messageId: 'noLoadgenTimes', file: performanceFile(offline, 'run_1/mlperf_log_detail.txt') }],
    },
  ],
});
