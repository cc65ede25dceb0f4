import { complianceScope, loadReport, testFolder, VERIFY_OUTPUT_LENGTH } from '../../checkers/inference/compliance.ts';
import type { Load } from '../../checkers/inference/result-metric.ts';
import { accuracySamplesParser } from '../../parsers/accuracy-log.ts';
import { reportNumber } from '../../parsers/verify-txt.ts';
import type { SubmissionIndex } from '../../tree/submission-index.ts';
import { defineRule } from '../rule.ts';

const TEST09 = 'TEST09';
const ACCURACY_LOG = 'accuracy/mlperf_log_accuracy.json';
/** run_verification.py reads every output as 4-byte little-endian token ids; a sample without data counts 0 tokens. */
const TOKEN_BYTES = 4;

export default defineRule({
  id: 'comp/test09-recheck',
  meta: {
    description: "TEST09's mean output length, recomputed from TEST09/accuracy/mlperf_log_accuracy.json where the log is complete, lies within the model's bounds, and verify_output_len.txt used those bounds and agrees with the log.",
    category: 'comp',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'network'],
    rounds: { since: 'v6.0' },
    ruleText: "inference_rules.adoc §9.4 (truncating output tokens is not permitted); the TEST09 README and each model's audit.config of mlcommons/inference compliance/TEST09 (test09_min_output_tokens, test09_max_output_tokens).",
    messages: {
      wrongBounds: 'TEST09/verify_output_len.txt checked the mean output length against [{{low}}, {{high}}], but the bounds of {{model}} are [{{min}}, {{max}}] (its audit.config). Run TEST09 with the audit.config of {{model}}.',
      outOfBounds: 'The mean output length of TEST09 is {{mean}} tokens ({{source}}), outside the bounds of {{model}}, [{{min}}, {{max}}]: the outputs are shorter or longer than the reference allows. Generate with the reference settings (maximum output length, stop conditions) and run TEST09 again.',
      reportMismatch: 'TEST09/verify_output_len.txt says "{{label}}: {{reported}}", but its accuracy log gives {{computed}} ({{samples}} samples of 4-byte token ids). Run TEST09 again and keep the report and the log it writes together.',
      noAccuracyLog: 'TEST09 has no {{name}}, so nothing shows which outputs the test measured. Keep the accuracy log that run_verification.py copies into TEST09/accuracy.',
      emptyAccuracyLog: 'TEST09/{{name}} holds no sample, so no output length was measured (run_verification.py stops on an empty log). Run TEST09 with its audit.config, which logs the outputs of the performance run, and keep the log it writes.',
      malformed: 'TEST09/{{name}} {{problem}}, so the output lengths cannot be recomputed from it. Keep the accuracy log that run_verification.py copies into TEST09/accuracy.',
      truncated: 'TEST09/{{name}} is truncated, so the mean output length cannot be recomputed from it; only verify_output_len.txt says what it was. Nothing to fix: truncate_accuracy_log.py truncates the TEST09 log too.',
    },
    messageSeverities: { truncated: 'info' },
    rejects: 'scenario',
    // The modular checker trusts verify_output_len.txt (comp/test09); the thresholds it printed come from whatever
    // audit.config or command line the submitter used.
    official: false,
  },
  async check(context) {
    const { index, load, report } = context;
    const scope = await complianceScope(context);
    if (scope === undefined || !scope.tests.includes(TEST09)) return;
    const folder = testFolder(scope, TEST09);
    // comp/test-dir reports a missing TEST09 folder.
    if (!index.isDirectory(folder)) return;
    const bounds = scope.modelData.test09OutputTokens;
    const boundsData = bounds && { model: scope.model, min: bounds.min, max: bounds.max };
    const outside = (mean: number): boolean => boundsData !== undefined && (mean < boundsData.min || mean > boundsData.max);
    const reportFile = `${folder}/${VERIFY_OUTPUT_LENGTH}`;
    const loaded = await loadReport(load, index, reportFile);
    const verify = loaded?.ok ? loaded.report : undefined;

    // The thresholds the script printed must be the model's.
    const low = verify?.labels.get('min threshold');
    const high = verify?.labels.get('max threshold');
    const [lowValue, highValue] = [reportNumber(low), reportNumber(high)];
    const rightBounds = lowValue === undefined || highValue === undefined || (lowValue === bounds?.min && highValue === bounds.max);
    if (!rightBounds && boundsData) report({ messageId: 'wrongBounds', file: reportFile, line: low?.line ?? high?.line, data: { ...boundsData, low: low?.value ?? '-', high: high?.value ?? '-' } });

    const read = await outputLengths(index, load, folder);
    if ('finding' in read) {
      report(read.finding);
      // Without the outputs, the reported mean is all there is; with the right thresholds, comp/test09 judges it.
      const reportedMean = verify?.labels.get('mean output tokens');
      const meanValue = reportNumber(reportedMean);
      if (!rightBounds && boundsData && meanValue !== undefined && outside(meanValue)) {
        report({ messageId: 'outOfBounds', file: reportFile, line: reportedMean?.line, data: { ...boundsData, mean: reportedMean?.value ?? '', source: VERIFY_OUTPUT_LENGTH } });
      }
      return;
    }
    const { lengths } = read;
    const logFile = `${folder}/${ACCURACY_LOG}`;
    const mean = lengths.reduce((sum, length) => sum + length, 0) / lengths.length;
    if (boundsData !== undefined && outside(mean)) report({ messageId: 'outOfBounds', file: logFile, data: { ...boundsData, mean: mean.toFixed(2), source: `recomputed from ${ACCURACY_LOG}` } });
    if (verify === undefined) return;
    // The script prints the mean with two decimals, the other statistics as integers.
    const computed: [label: string, value: number, tolerance: number][] = [
      ['Total samples', lengths.length, 0],
      ['Mean output tokens', mean, 0.005 + 1e-9],
      ['Min output tokens', lengths.reduce((least, length) => Math.min(least, length)), 0],
      ['Max output tokens', lengths.reduce((most, length) => Math.max(most, length)), 0],
    ];
    for (const [label, value, tolerance] of computed) {
      const printed = verify.labels.get(label.toLowerCase());
      const printedValue = reportNumber(printed);
      if (printed !== undefined && (printedValue === undefined || Math.abs(printedValue - value) > tolerance)) {
        const text = tolerance === 0 ? String(value) : value.toFixed(2);
        report({ messageId: 'reportMismatch', file: reportFile, line: printed.line, data: { label, reported: printed.value, computed: text, samples: lengths.length } });
      }
    }
  },
});

/** Why the output lengths cannot be read from the TEST09 log. */
interface LogFinding {
  readonly messageId: 'noAccuracyLog' | 'malformed' | 'truncated' | 'emptyAccuracyLog';
  readonly file: string;
  readonly line?: number;
  readonly data: Readonly<Record<string, string>>;
}

/** The output length of each sample TEST09 logged, as run_verification.py counts it, or why there is none. */
async function outputLengths(index: SubmissionIndex, load: Load, folder: string): Promise<{ readonly lengths: number[] } | { readonly finding: LogFinding }> {
  const file = `${folder}/${ACCURACY_LOG}`;
  const data = { name: ACCURACY_LOG };
  if (!index.isFile(file)) return { finding: { messageId: 'noAccuracyLog', file: folder, data } };
  const logged = await load(file, accuracySamplesParser);
  const problem = logged.ok ? logged.value.problems[0] : logged.problems[0];
  if (!logged.ok || problem !== undefined) {
    return { finding: { messageId: 'malformed', file, ...(problem?.line !== undefined && { line: problem.line }), data: { ...data, problem: problem?.message ?? 'cannot be read' } } };
  }
  if (logged.value.form === 'truncated') return { finding: { messageId: 'truncated', file, data } };
  if (logged.value.samples.length === 0) return { finding: { messageId: 'emptyAccuracyLog', file, data } };
  return { lengths: logged.value.samples.map((sample) => Math.floor((sample.dataBytes ?? 0) / TOKEN_BYTES)) };
}
