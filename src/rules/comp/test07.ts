import { complianceScope, falseCheck, VERIFY_ACCURACY, verdictReportFinding, type Contradiction } from '../../checkers/inference/compliance.ts';
import { reportNumber, type VerifyReport } from '../../parsers/verify-txt.ts';
import { defineRule } from '../rule.ts';

/** The summary run_verification.py appends: the score must reach the threshold of the test's audit.config. */
function contradiction(report: VerifyReport): Contradiction | undefined {
  const score = report.labels.get('accuracy score');
  const threshold = reportNumber(report.labels.get('accuracy threshold'));
  const scoreValue = reportNumber(score);
  if (score !== undefined && scoreValue !== undefined && threshold !== undefined && scoreValue < threshold) {
    return { detail: `its accuracy score ${score.value} is below the threshold ${threshold}`, line: score.line };
  }
  return falseCheck(report, 'Accuracy check pass');
}

export default defineRule({
  id: 'comp/test07',
  meta: {
    description: 'TEST07/verify_accuracy.txt says TEST PASS: the accuracy measured on the outputs of a performance-mode run reaches the threshold.',
    category: 'comp',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'network'],
    rounds: {},
    ruleText: 'inference_rules.adoc §5.1 (the same code and outputs in accuracy and performance mode); the TEST07 README of mlcommons/inference compliance/ (gpt-oss-120b, from v6.0).',
    messages: {
      unreadable: 'TEST07/verify_accuracy.txt {{problem}}, so the outcome of TEST07 cannot be read. Keep the file exactly as run_verification.py wrote it.',
      failed: 'TEST07/verify_accuracy.txt does not pass: {{reason}}. The outputs of the performance run are less accurate than required: make the system produce the same outputs in both modes and run TEST07 again.',
      contradicts: 'TEST07/verify_accuracy.txt says TEST PASS, yet {{detail}}. Run TEST07 again and keep the report it writes.',
    },
    // The modular checker rejects the result.
    rejects: 'scenario',
    // Only the modular checker knows TEST07 (the monolith of v5.x never required it).
    official: { rounds: { since: 'v6.0' } },
  },
  async check(context) {
    const scope = await complianceScope(context);
    if (scope === undefined) return;
    // The modular checker looks for "TEST PASS" anywhere in the file.
    const finding = await verdictReportFinding(context, scope, 'TEST07', VERIFY_ACCURACY, 'anywhere', contradiction);
    if (finding !== undefined) context.report(finding);
  },
});
