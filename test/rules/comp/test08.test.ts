import rule from '../../../src/rules/comp/test08.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';
import { moved } from '../../support/tree-edits.ts';

// The shared data has no dlrm-v3 result: a real v6.0 result moved into a dlrm-v3 folder carries the TEST08 report.
const whisper = realResult('v6.0', 'closed/RedHat/results/8xH200_whisper/whisper/Offline');
const dlrmPath = 'closed/RedHat/results/8xH200_whisper/dlrm-v3/Offline';
const reportFile = `${dlrmPath}/TEST08/verify_accuracy.txt`;
const output = (unmatched: number, verdict: string): string =>
  `Verifying accuracy. This might take a while...\nnum_acc_log_entries = 34996\nnum_perf_log_entries = 238\nnum_matched = ${238 - unmatched}\nnum_unmatched = ${unmatched}\nnum_ne_mismatch = 0\ntolerance = 0.10%\n\n${verdict}\nTEST08 verification complete\n`;
const dlrm = (report: string | Buffer) => withChanges(moved(whisper.tree, whisper.path, dlrmPath), { [reportFile]: report });

testRule(rule, {
  valid: [
    { name: 'a passing TEST08 (the output of the TEST08 README)', round: 'v6.0', profile: 'official', tree: dlrm(output(0, 'TEST PASS')) },
    { name: 'rounds before v6.0 have no TEST08', round: 'v5.1', tree: dlrm(output(3, 'TEST FAIL')) },
  ],
  invalid: [
    {
      name: 'TEST08 failed',
      round: 'v6.0',
      profile: 'official',
      tree: dlrm(output(3, 'TEST FAIL')),
      errors: [{ messageId: 'failed', file: reportFile, line: 9, unit: dlrmPath }],
    },
    {
      name: 'the modular checker wants TEST PASS on a line of its own',
      round: 'v6.0',
      profile: 'official',
      tree: dlrm(output(0, 'Result: TEST PASS')),
      errors: [{ messageId: 'failed', file: reportFile, message: 'no TEST PASS line' }],
    },
    {
      name: 'a report Python cannot decode',
      round: 'v6.0',
      tree: dlrm(Buffer.from([0xed, 0xa0, 0x80])),
      errors: [{ messageId: 'unreadable', file: reportFile }],
    },
    {
      name: 'TEST PASS with unmatched samples (recommended profile)',
      round: 'v6.0',
      tree: dlrm(output(3, 'TEST PASS')),
      errors: [{ messageId: 'contradicts', file: reportFile, line: 5, message: 'num_unmatched = 3' }],
    },
  ],
});
