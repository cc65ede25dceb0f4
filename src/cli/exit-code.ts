import type { AuditResult } from '../checkers/inference/audit-submission.ts';
import { RULE_CRASHED } from '../checkers/internal-rules.ts';

export const EXIT_COMPLIANT = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_FAILURE = 2;

/** 2 when the tool failed on part of the audit, 1 for errors or too many warnings, 0 otherwise. Waived findings do not count. */
export function exitCodeOf(result: AuditResult, maxWarnings: number | undefined): number {
  const counted = result.diagnostics.filter((diagnostic) => diagnostic.suppression === undefined);
  if (counted.some((diagnostic) => diagnostic.ruleId === RULE_CRASHED.id)) return EXIT_FAILURE;
  if (counted.some((diagnostic) => diagnostic.severity === 'error')) return EXIT_FINDINGS;
  const warnings = counted.filter((diagnostic) => diagnostic.severity === 'warning').length;
  return maxWarnings !== undefined && warnings > maxWarnings ? EXIT_FINDINGS : EXIT_COMPLIANT;
}
