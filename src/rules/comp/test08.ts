import { complianceScope, VERIFY_ACCURACY, verdictReportFinding, type Contradiction } from '../../checkers/inference/compliance.ts';
import { reportNumber, type VerifyReport } from '../../parsers/verify-txt.ts';
import { defineRule } from '../rule.ts';

/** run_verification.py passes only when every logged sample matched one of the accuracy run, within the tolerance. */
function contradiction(report: VerifyReport): Contradiction | undefined {
  for (const counter of ['num_unmatched', 'num_ne_mismatch']) {
    const found = report.assignments.get(counter);
    if (found !== undefined && (reportNumber(found) ?? 0) > 0) return { detail: `${counter} = ${found.value}`, line: found.line };
  }
  const matched = report.assignments.get('num_matched');
  return matched !== undefined && reportNumber(matched) === 0 ? { detail: 'num_matched = 0', line: matched.line } : undefined;
}

export default defineRule({
  id: 'comp/test08',
  meta: {
    description: 'TEST08/verify_accuracy.txt says TEST PASS: the DLRMv3 predictions of a performance-mode run match those of the accuracy run.',
    category: 'comp',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'network'],
    rounds: {},
    ruleText: 'inference_rules.adoc §5.1 (the same code and outputs in accuracy and performance mode); the TEST08 README of mlcommons/inference compliance/ (dlrm-v3, from v6.0).',
    messages: {
      unreadable: 'TEST08/verify_accuracy.txt {{problem}}, so the outcome of TEST08 cannot be read. Keep the output of run_verification.py exactly as it printed it.',
      failed: 'TEST08/verify_accuracy.txt does not pass: {{reason}}. The predictions of the performance run differ from those of the accuracy run: make the system produce the same outputs in both modes and run TEST08 again.',
      contradicts: 'TEST08/verify_accuracy.txt says TEST PASS, yet {{detail}}; run_verification.py passes only when every sample matched within the tolerance. Run TEST08 again and keep its output.',
    },
    // The modular checker rejects the result.
    rejects: 'scenario',
    // Only the modular checker knows TEST08.
    official: { rounds: { since: 'v6.0' } },
  },
  async check(context) {
    const scope = await complianceScope(context);
    if (scope === undefined) return;
    // The modular checker wants a line that is exactly TEST PASS.
    const finding = await verdictReportFinding(context, scope, 'TEST08', VERIFY_ACCURACY, 'line', contradiction);
    if (finding !== undefined) context.report(finding);
  },
});
