import type { UnitKind } from '../tree/units.ts';
import { compareStrings } from '../tree/submission-index.ts';

export type Severity = 'error' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export interface Diagnostic {
  readonly ruleId: string;
  readonly messageId: string;
  readonly severity: Severity;
  readonly message: string;
  /** The file (or directory) the finding is about, relative to the submission root; '' is the root itself. */
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  /**
   * Set by the audit when `file` is not a regular file of the tree (a folder, a missing path, a link): the nearest
   * file that is (see nearestFile), for reports that can only place a finding on a file. `line` and `column` belong
   * to `file`, not to the anchor.
   */
  readonly anchor?: string;
  /** The unit the rule was checking when it reported. */
  readonly unit: { readonly kind: UnitKind; readonly path: string };
  readonly data?: Readonly<Record<string, string | number>>;
  /** Set when a configuration waiver covers the finding: it stays in every report, marked suppressed. */
  readonly suppression?: Suppression;
}

/**
 * A waiver from the configuration file that covers a finding. A suppressed finding is still reported (every format
 * shows it as suppressed) but it neither rejects a result nor counts towards the exit code.
 */
export interface Suppression {
  readonly kind: 'waiver';
  readonly justification: string;
  /** Who approved the waiver, as the configuration names them. */
  readonly approvedBy: string;
  /** Where the waiver is written, e.g. `mlperf-audit.config.yaml`, its position in the `waivers` list (0-based) and its line. */
  readonly source: { readonly file: string; readonly index: number; readonly line?: number };
}

/** Deterministic order: by file, position, rule, then message. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    compareStrings(a.file, b.file) ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    compareStrings(a.ruleId, b.ruleId) ||
    compareStrings(a.message, b.message)
  );
}

/** Fills `{{name}}` placeholders; a placeholder without data stays visible rather than vanishing. */
export function formatMessage(template: string, data: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in data ? String(data[name]) : whole));
}
