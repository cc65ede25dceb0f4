import rule from '../../../src/rules/pwr/ptd-log-warnings.ts';
import { testRule } from '../../support/rule-tester.ts';
import { editText, offline, offlineWithPtdWarning, performanceFile, ROUND } from './power-result.ts';

const ptdLog = performanceFile(offline, 'power/ptd_logs.txt');
const appended = (line: string) => editText(offline, ptdLog, (text) => `${text}${line}\n`);
const warningLog = performanceFile(offlineWithPtdWarning, 'power/ptd_logs.txt');
const warningDuringRun = appended('07-23-2024 13:50:00.000: WARNING: Sample rate dropped');

testRule(rule, {
  valid: [
    { name: 'a real power result whose PTD log has only expected errors', round: ROUND, tree: offline.tree },
    // The official margin around the measured run leaves no "during" for an 11-minute run.
    { name: 'a PTD warning during an 11-minute run, officially', round: ROUND, profile: 'official', tree: warningDuringRun },
  ],
  invalid: [
    {
      // The official checker's message for this result (expected/inference/v4.1/diagnostics.txt); it stops at the first.
      name: 'an uncommon error during ranging, officially',
      round: ROUND,
      profile: 'official',
      tree: offlineWithPtdWarning.tree,
      errors: [
        {
          messageId: 'uncommonRangingError',
          file: warningLog,
          line: 976,
          severity: 'warning',
          message:
            "'07-25-2024 11:06:38.244: Warning: Bad watts reading 99100000000000005192630646116011999232.000000 from Yokogawa' in ptd_log.txt during ranging stage. Treated as WARNING",
        },
      ],
    },
    {
      name: 'every uncommon error during ranging, by the rules',
      round: ROUND,
      tree: offlineWithPtdWarning.tree,
      errors: [
        { messageId: 'uncommonRangingError', line: 976, message: 'Bad watts reading' },
        { messageId: 'uncommonRangingError', line: 979, message: 'Bad amps reading' },
        { messageId: 'uncommonRangingError', line: 982, message: 'Bad pf reading' },
      ],
    },
    {
      name: 'a USB error',
      round: ROUND,
      profile: 'official',
      tree: appended('07-23-2024 13:50:00.000: ERROR: USB.'),
      errors: [{ messageId: 'usbError', line: 3728, message: "'07-23-2024 13:50:00.000: Warning: USB.' in ptd_log.txt during testing stage but it is accepted" }],
    },
    {
      name: 'a PTD warning during the measured run, by the rules',
      round: ROUND,
      tree: warningDuringRun,
      errors: [{ messageId: 'warningDuringLoad', line: 3728, message: 'Sample rate dropped' }],
    },
  ],
});
