import type { AuditResult } from '../checkers/inference/audit-submission.ts';

export interface ReporterOptions {
  /** Whether ANSI colours may be used (a terminal, and NO_COLOR not set). */
  readonly color: boolean;
}

/** A reporter is a pure function of the audit result. */
export type Reporter = (result: AuditResult, options: ReporterOptions) => string;
