import { accuracyLogContentParser, complianceScope, loadReport, testFolder, VERIFY_ACCURACY } from '../../checkers/inference/compliance.ts';
import { defineRule } from '../rule.ts';

const TEST06 = 'TEST06';
const ACCURACY_LOG = 'accuracy/mlperf_log_accuracy.json';

/** The lines run_verification.py prints; a check passes when its line is there exactly (after stripping). */
const CHECKS = [
  { name: 'first token', passing: ['First token check pass: True', 'First token check pass: Skipped'] },
  { name: 'EOS', passing: ['EOS check pass: True'] },
  { name: 'sample length', passing: ['Sample length check pass: True'] },
] as const;

export default defineRule({
  id: 'comp/test06',
  meta: {
    description: 'TEST06/verify_accuracy.txt reports that the first-token, EOS and sample-length checks of the LLM output consistency test passed.',
    category: 'comp',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'network'],
    rounds: {},
    ruleText: 'submission_rules.adoc §5.13.2 (TEST06 for the LLM benchmarks); the TEST06 README of mlcommons/inference compliance/ (no padding with EOS tokens, first token and token count consistent with the output).',
    messages: {
      unreadable: 'TEST06/verify_accuracy.txt {{problem}}, so the outcome of TEST06 cannot be read. Keep the file exactly as run_verification.py wrote it.',
      checkFailed: 'TEST06/verify_accuracy.txt does not report the {{check}} check as passed ({{found}}). Fix the output the system returns in performance mode and run TEST06 again.',
      noAccuracyLog: 'TEST06 has no {{name}}, so nothing shows which outputs the test checked. Keep the accuracy log that run_verification.py copies into TEST06/accuracy.',
      emptyAccuracyLog: 'TEST06/{{name}} holds no sample, so the three TEST06 checks passed without checking anything. Run TEST06 with its audit.config, which logs the outputs of the performance run, and keep the log it writes.',
      unreadableAccuracyLog: 'TEST06/{{name}} {{problem}}. Keep the accuracy log that run_verification.py copies into TEST06/accuracy.',
    },
    // Both official checkers reject the result; on a file Python cannot decode they crash, and we reject the result.
    rejects: 'scenario',
    official: {},
  },
  async check(context) {
    const { profile, index, load, report } = context;
    const scope = await complianceScope(context);
    if (scope === undefined || !scope.tests.includes(TEST06)) return;
    const testPath = testFolder(scope, TEST06);
    const reportFile = `${testPath}/${VERIFY_ACCURACY}`;
    // comp/test-dir and comp/required-files report a missing folder or report.
    const loaded = await loadReport(load, index, reportFile);
    if (loaded?.ok === false) report({ messageId: 'unreadable', file: reportFile, data: { problem: loaded.problem } });
    if (loaded?.ok) {
      for (const check of CHECKS) {
        if (check.passing.some((line) => loaded.report.lineOf(line) !== undefined)) continue;
        const found = loaded.report.labels.get(`${check.name} check pass`.toLowerCase());
        report({
          messageId: 'checkFailed',
          file: reportFile,
          ...(found !== undefined && { line: found.line }),
          data: { check: check.name, found: found === undefined ? 'it has no such line' : `it says "${found.value}"` },
        });
      }
    }
    // Neither official checker reads the accuracy log: an empty one passes all three checks vacuously (spec §4.4).
    if (profile === 'official' || !index.isDirectory(testPath)) return;
    const logFile = `${testPath}/${ACCURACY_LOG}`;
    if (!index.isFile(logFile)) {
      report({ messageId: 'noAccuracyLog', file: testPath, data: { name: ACCURACY_LOG } });
      return;
    }
    const content = await load(logFile, accuracyLogContentParser);
    if (!content.ok) report({ messageId: 'unreadableAccuracyLog', file: logFile, data: { name: ACCURACY_LOG, problem: content.problems[0]?.message ?? 'cannot be read' } });
    else if (content.value.empty) report({ messageId: 'emptyAccuracyLog', file: logFile, data: { name: ACCURACY_LOG } });
  },
});
