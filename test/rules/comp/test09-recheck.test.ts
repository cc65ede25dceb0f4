import rule from '../../../src/rules/comp/test09-recheck.ts';
import { loadgenLog, tokenHex } from '../../support/accuracy-logs.ts';
import { testRule } from '../../support/rule-tester.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';

// v6.0 gpt-oss-120b: TEST09 bounds [1150.38, 1406.02]; the published TEST09 log is truncated.
const gptOss = realResult('v6.0', 'closed/RedHat/results/8xB200-LLM-D-Openshift/gpt-oss-120b/Offline');
const folder = `${gptOss.path}/TEST09`;
const reportPath = `${folder}/verify_output_len.txt`;
const logPath = `${folder}/accuracy/mlperf_log_accuracy.json`;

/** A TEST09 log whose outputs have these lengths (int32 token ids). */
const lengthsLog = (lengths: readonly number[]): string =>
  loadgenLog(lengths.map((length, seq) => ({ seq_id: seq, qsl_idx: 100 + seq, data: tokenHex(Array.from({ length }, (_, index) => 1000 + index)), token_count: length })));

/** verify_output_len.txt as run_verification.py writes it. */
function verifyReport(stats: { total: number; mean: string; min: number; max: number }, thresholds: [string, string] = ['1150.38', '1406.02']): string {
  const pass = Number(stats.mean) >= Number(thresholds[0]) && Number(stats.mean) <= Number(thresholds[1]);
  return [
    '='.repeat(80),
    'TEST09: Verify Output Token Length in Performance Mode',
    '='.repeat(80),
    '',
    'Output Token Length Statistics',
    '-'.repeat(40),
    `Total samples: ${stats.total}`,
    `Mean output tokens: ${stats.mean}`,
    `Min output tokens: ${stats.min}`,
    `Max output tokens: ${stats.max}`,
    'Std deviation: 55.90',
    '',
    '='.repeat(80),
    'Verification Results',
    '='.repeat(80),
    `Mean output tokens: ${stats.mean}`,
    `Min threshold: ${thresholds[0]}`,
    `Max threshold: ${thresholds[1]}`,
    `Min check pass: ${Number(stats.mean) >= Number(thresholds[0])}`,
    `Max check pass: ${Number(stats.mean) <= Number(thresholds[1])}`,
    '',
    pass ? 'TEST PASS' : 'TEST FAIL',
    '',
  ].join('\n');
}

const goodLog = lengthsLog([1200, 1300, 1250, 1350]);
const goodReport = verifyReport({ total: 4, mean: '1275.00', min: 1200, max: 1350 });
const withFiles = (report: string, log: string | undefined) => withChanges(gptOss.tree, { [reportPath]: report, [logPath]: log });

testRule(rule, {
  valid: [
    { name: 'a complete log that gives what the report says, within the bounds', round: 'v6.0', tree: withFiles(goodReport, goodLog) },
    { name: 'not a rule of the monolith rounds', round: 'v5.1', tree: realResult('v5.1', 'closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b/Offline').tree },
  ],
  invalid: [
    {
      name: 'the published, truncated log: nothing to recompute (info)',
      round: 'v6.0',
      tree: gptOss.tree,
      errors: [{ messageId: 'truncated', severity: 'info', file: logPath, unit: gptOss.path }],
    },
    {
      name: 'a report made with other thresholds than the model’s',
      round: 'v6.0',
      tree: withFiles(verifyReport({ total: 4, mean: '1275.00', min: 1200, max: 1350 }, ['246.43', '301.19']), goodLog),
      errors: [{ messageId: 'wrongBounds', file: reportPath, line: 17, message: 'against [246.43, 301.19], but the bounds of gpt-oss-120b are [1150.38, 1406.02]' }],
    },
    {
      name: 'other thresholds and a mean outside the model’s bounds, with only the report to go by',
      round: 'v6.0',
      tree: withChanges(gptOss.tree, { [reportPath]: verifyReport({ total: 6396, mean: '1000.00', min: 10, max: 3000 }, ['900', '1400']) }),
      errors: [
        { messageId: 'truncated', severity: 'info', file: logPath },
        { messageId: 'outOfBounds', severity: 'error', file: reportPath, line: 16, message: 'is 1000.00 tokens (verify_output_len.txt), outside the bounds of gpt-oss-120b, [1150.38, 1406.02]' },
        { messageId: 'wrongBounds', file: reportPath, line: 17 },
      ],
    },
    {
      name: 'outputs shorter than the bounds, and a report that does not match them',
      round: 'v6.0',
      tree: withFiles(goodReport, lengthsLog([1000, 1000, 1000, 1000])),
      errors: [
        { messageId: 'outOfBounds', file: logPath, message: 'is 1000.00 tokens (recomputed from accuracy/mlperf_log_accuracy.json)' },
        { messageId: 'reportMismatch', file: reportPath, line: 9, message: 'says "Min output tokens: 1200", but its accuracy log gives 1000' },
        { messageId: 'reportMismatch', line: 10, message: 'Max output tokens: 1350' },
        { messageId: 'reportMismatch', line: 16, message: 'says "Mean output tokens: 1275.00", but its accuracy log gives 1000.00 (4 samples of 4-byte token ids)' },
      ],
    },
    {
      name: 'a report counting other samples than the log holds',
      round: 'v6.0',
      tree: withFiles(verifyReport({ total: 6396, mean: '1275.00', min: 1200, max: 1350 }), goodLog),
      errors: [{ messageId: 'reportMismatch', line: 7, message: 'says "Total samples: 6396", but its accuracy log gives 4' }],
    },
    {
      name: 'no accuracy log',
      round: 'v6.0',
      tree: withFiles(goodReport, undefined),
      errors: [{ messageId: 'noAccuracyLog', file: folder }],
    },
    {
      name: 'an empty accuracy log (run_verification.py stops on it, so the report cannot come from it)',
      round: 'v6.0',
      tree: withFiles(goodReport, '[\n]\n'),
      errors: [{ messageId: 'emptyAccuracyLog', file: logPath }],
    },
    {
      name: 'an accuracy log that is not valid JSON',
      round: 'v6.0',
      tree: withFiles(goodReport, '[\n{ "qsl_idx" : 1, "data" : "00000000" }\n{ "qsl_idx" : 2 }\n]\n'),
      errors: [{ messageId: 'malformed', file: logPath, line: 3 }],
    },
  ],
});
