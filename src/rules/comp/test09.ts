import { complianceScope, falseCheck, VERIFY_OUTPUT_LENGTH, verdictReportFinding, type Contradiction } from '../../checkers/inference/compliance.ts';
import { reportNumber, type VerifyReport } from '../../parsers/verify-txt.ts';
import type { OutputTokenBounds } from '../../rounds/types.ts';
import { defineRule } from '../rule.ts';

/** The summary of run_verification.py: the mean output length must lie within the thresholds it printed. */
function selfContradiction(report: VerifyReport): Contradiction | undefined {
  const mean = report.labels.get('mean output tokens');
  const meanValue = reportNumber(mean);
  const low = reportNumber(report.labels.get('min threshold'));
  const high = reportNumber(report.labels.get('max threshold'));
  if (mean !== undefined && meanValue !== undefined && ((low !== undefined && meanValue < low) || (high !== undefined && meanValue > high))) {
    return { detail: `its mean output length ${mean.value} lies outside [${low ?? '-'}, ${high ?? '-'}]`, line: mean.line };
  }
  return falseCheck(report, 'Min check pass') ?? falseCheck(report, 'Max check pass');
}

/**
 * The report against the bounds of the model's own TEST09 audit.config: the official checker only reads TEST PASS, and
 * its endpoints check applies the gpt-oss-120b bounds to every model (docs/rounds/corrected-constants.md).
 */
function boundsContradiction(report: VerifyReport, model: string, bounds: OutputTokenBounds): Contradiction | undefined {
  const expected = `[${bounds.min}, ${bounds.max}]`;
  const low = report.labels.get('min threshold');
  const high = report.labels.get('max threshold');
  if (low !== undefined && high !== undefined && (reportNumber(low) !== bounds.min || reportNumber(high) !== bounds.max)) {
    return { detail: `it checked the mean against [${low.value}, ${high.value}] while the TEST09 audit.config of ${model} sets ${expected}`, line: low.line };
  }
  const mean = report.labels.get('mean output tokens');
  const meanValue = reportNumber(mean);
  if (mean !== undefined && meanValue !== undefined && (meanValue < bounds.min || meanValue > bounds.max)) {
    return { detail: `its mean output length ${mean.value} lies outside ${expected}, the bounds of the TEST09 audit.config of ${model}`, line: mean.line };
  }
  return undefined;
}

export default defineRule({
  id: 'comp/test09',
  meta: {
    description: 'TEST09/verify_output_len.txt says TEST PASS: the mean output length of a performance-mode run lies within the bounds of the test.',
    category: 'comp',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'network'],
    rounds: {},
    ruleText: 'inference_rules.adoc §9.4 (truncating output tokens is not permitted); the TEST09 README of mlcommons/inference compliance/ (gpt-oss-120b from v6.0, e2e-rag-qna from v6.1).',
    messages: {
      unreadable: 'TEST09/verify_output_len.txt {{problem}}, so the outcome of TEST09 cannot be read. Keep the file exactly as run_verification.py wrote it.',
      failed: 'TEST09/verify_output_len.txt does not pass: {{reason}}. The outputs of the performance run are shorter or longer than the reference allows (outputs must not be truncated): fix the generation settings and run TEST09 again.',
      contradicts: 'TEST09/verify_output_len.txt says TEST PASS, yet {{detail}}. Run TEST09 again and keep the report it writes.',
    },
    // The modular checker rejects the result.
    rejects: 'scenario',
    // Only the modular checker knows TEST09.
    official: { rounds: { since: 'v6.0' } },
  },
  async check(context) {
    const scope = await complianceScope(context);
    if (scope === undefined) return;
    // The modular checker looks for "TEST PASS" anywhere in the file.
    const bounds = scope.modelData.test09OutputTokens;
    const finding = await verdictReportFinding(context, scope, 'TEST09', VERIFY_OUTPUT_LENGTH, 'anywhere', (report) =>
      (bounds && boundsContradiction(report, scope.model, bounds)) ?? selfContradiction(report),
    );
    if (finding !== undefined) context.report(finding);
  },
});
