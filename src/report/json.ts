import type { AuditResult } from '../checkers/inference/audit-submission.ts';
import type { Reporter } from './reporter.ts';

/** Bumped when a field changes meaning or disappears; new fields do not bump it. Documented in docs/json-report.md. */
export const JSON_REPORT_VERSION = 1;

export interface JsonReport extends AuditResult {
  readonly schemaVersion: number;
  readonly summary: {
    readonly errors: number;
    readonly warnings: number;
    readonly infos: number;
    /** Findings a waiver covers; the three counts above leave them out. */
    readonly waived: number;
    readonly accepted: number;
    readonly rejected: number;
  };
}

export function toJsonReport(result: AuditResult): JsonReport {
  const counted = result.diagnostics.filter((diagnostic) => diagnostic.suppression === undefined);
  const count = (severity: string) => counted.filter((diagnostic) => diagnostic.severity === severity).length;
  const accepted = result.results.filter((verdict) => verdict.status === 'accepted').length;
  return {
    schemaVersion: JSON_REPORT_VERSION,
    ...result,
    summary: { errors: count('error'), warnings: count('warning'), infos: count('info'), waived: result.diagnostics.length - counted.length, accepted, rejected: result.results.length - accepted },
  };
}

export const jsonReporter: Reporter = (result) => `${JSON.stringify(toJsonReport(result), null, 2)}\n`;
