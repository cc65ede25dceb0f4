import type { AuditResult } from '../checkers/inference/audit-submission.ts';
import { RULE_CRASHED } from '../checkers/internal-rules.ts';
import { plural } from '../report/stylish.ts';
import type { FailOn } from './inputs.ts';

/** What the step reports as outputs, and what decides whether it fails. */
export interface AuditCounts {
  readonly accepted: number;
  readonly rejected: number;
  /** Error-level findings a waiver does not cover: those are the ones that count. */
  readonly errors: number;
  readonly warnings: number;
  /** Rules that crashed: the audit is incomplete. */
  readonly crashes: number;
}

export function countAudit(result: AuditResult): AuditCounts {
  const counted = result.diagnostics.filter((diagnostic) => diagnostic.suppression === undefined);
  return {
    accepted: result.results.filter((verdict) => verdict.status === 'accepted').length,
    rejected: result.results.filter((verdict) => verdict.status === 'rejected').length,
    errors: counted.filter((diagnostic) => diagnostic.severity === 'error').length,
    warnings: counted.filter((diagnostic) => diagnostic.severity === 'warning').length,
    crashes: counted.filter((diagnostic) => diagnostic.ruleId === RULE_CRASHED.id).length,
  };
}

/**
 * Why the step fails, or undefined when it passes. A crashed rule fails it whatever `fail-on` says: the audit did not
 * check everything, so a pass would claim more than it knows. The configuration file's maxWarnings fails it as it
 * fails `check`, unless `fail-on` is never.
 */
export function failureReason(counts: AuditCounts, failOn: FailOn, maxWarnings: number | undefined): string | undefined {
  if (counts.crashes > 0) return `${plural(counts.crashes, 'rule')} crashed (internal/rule-crashed), so the audit is incomplete; this is a defect of mlperf-audit, please report it`;
  if (failOn === 'never') return undefined;
  if (counts.errors > 0) return `${plural(counts.errors, 'error')} (fail-on: ${failOn})`;
  if (failOn === 'warning' && counts.warnings > 0) return `${plural(counts.warnings, 'warning')} (fail-on: warning)`;
  if (maxWarnings !== undefined && counts.warnings > maxWarnings) return `${plural(counts.warnings, 'warning')}, more than the configuration's maxWarnings of ${maxWarnings}`;
  return undefined;
}
