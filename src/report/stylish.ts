import { Chalk, type ChalkInstance } from 'chalk';
import type { AuditResult } from '../checkers/inference/audit-submission.ts';
import type { Diagnostic, Severity } from './diagnostic.ts';
import type { Reporter } from './reporter.ts';

const REJECTED_SHOWN = 25;

/** Human output for a terminal: findings grouped by file, then the verdicts. */
export const stylishReporter: Reporter = (result, { color }) => {
  const chalk = new Chalk({ level: color ? 1 : 0 });
  const sections: string[] = [];
  for (const [file, diagnostics] of groupByFile(result.diagnostics)) {
    const rows = diagnostics.map((diagnostic) => formatRow(diagnostic, chalk));
    sections.push(`${chalk.underline(file === '' ? '.' : file)}\n${alignRows(rows).join('\n')}`);
  }
  sections.push(problemSummary(result, chalk));
  sections.push(verdictSummary(result, chalk));
  return `${sections.join('\n\n')}\n`;
};

function groupByFile(diagnostics: readonly Diagnostic[]): Map<string, Diagnostic[]> {
  const groups = new Map<string, Diagnostic[]>();
  for (const diagnostic of diagnostics) groups.set(diagnostic.file, [...(groups.get(diagnostic.file) ?? []), diagnostic]);
  return groups;
}

const SEVERITY_STYLE: Record<Severity, (chalk: ChalkInstance, text: string) => string> = {
  error: (chalk, text) => chalk.red(text),
  warning: (chalk, text) => chalk.yellow(text),
  info: (chalk, text) => chalk.blue(text),
};

type Row = [position: string, severity: string, message: string, ruleId: string];

function formatRow(diagnostic: Diagnostic, chalk: ChalkInstance): Row {
  const position = diagnostic.line === undefined ? '' : `${diagnostic.line}:${diagnostic.column ?? 1}`;
  const { suppression } = diagnostic;
  // A waived finding stays visible, dimmed, with the reason it was accepted and who accepted it.
  if (suppression !== undefined) {
    // A justification written as a YAML block keeps its line breaks; a row is one line.
    const justification = suppression.justification.trim().replace(/\s+/g, ' ');
    const waived = `${diagnostic.message} (waived: ${justification} — ${suppression.approvedBy})`;
    return [chalk.dim(position), chalk.dim(diagnostic.severity), chalk.dim(waived), chalk.dim(diagnostic.ruleId)];
  }
  return [chalk.dim(position), SEVERITY_STYLE[diagnostic.severity](chalk, diagnostic.severity), diagnostic.message, chalk.dim(diagnostic.ruleId)];
}

function alignRows(rows: readonly Row[]): string[] {
  const width = (column: 0 | 1) => Math.max(...rows.map((row) => visibleLength(row[column])));
  const [positionWidth, severityWidth] = [width(0), width(1)];
  // A file none of whose findings has a line gets no position column.
  const positionColumn = (position: string) => (positionWidth === 0 ? '' : `${pad(position, positionWidth)}  `);
  return rows.map(([position, severity, message, ruleId]) => `  ${positionColumn(position)}${pad(severity, severityWidth)}  ${message}  ${ruleId}`);
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - visibleLength(text)));
}

function visibleLength(text: string): number {
  // ANSI escape sequences take no room on the screen.
  return text.replace(/\u001b\[[0-9;]*m/g, '').length;
}

function problemSummary(result: AuditResult, chalk: ChalkInstance): string {
  const counted = result.diagnostics.filter((diagnostic) => diagnostic.suppression === undefined);
  const count = (severity: Severity) => counted.filter((diagnostic) => diagnostic.severity === severity).length;
  const [errors, warnings, infos] = [count('error'), count('warning'), count('info')];
  const waived = result.diagnostics.length - counted.length;
  const total = errors + warnings + infos;
  if (total === 0) return chalk.green(waived > 0 ? `✔ No problems found (${waived} waived).` : '✔ No problems found.');
  const parts = [plural(errors, 'error'), plural(warnings, 'warning'), ...(infos > 0 ? [plural(infos, 'info')] : [])];
  const line = `✖ ${plural(total, 'problem')} (${parts.join(', ')})${waived > 0 ? `, and ${waived} waived` : ''}`;
  return errors > 0 ? chalk.red.bold(line) : chalk.yellow.bold(line);
}

function verdictSummary(result: AuditResult, chalk: ChalkInstance): string {
  const accepted = result.results.filter((verdict) => verdict.status === 'accepted').length;
  const rejected = result.results.filter((verdict) => verdict.status === 'rejected');
  const round = `round ${result.round.id}${result.round.detected ? ' (detected)' : ''}, profile ${result.profile}`;
  const header = `Results (${round}): ${chalk.green(`${accepted} accepted`)}, ${rejected.length > 0 ? chalk.red(`${rejected.length} rejected`) : '0 rejected'}`;
  // Units above a result that are rejected as a whole (a submitter, a system, ...), then the results.
  const units = result.rejections
    .filter((rejection) => rejection.kind !== 'scenario' && rejection.coveredBy === undefined)
    .map((rejection) => `  ${chalk.red('rejected')}  ${rejection.key} (${rejection.kind})  ${chalk.dim(rejection.ruleIds.join(', '))}`);
  const results = rejected.map((verdict) => `  ${chalk.red('rejected')}  ${verdict.path}  ${chalk.dim(verdict.rejectedBy.join(', ') || 'no metric')}`);
  const lines = [...units, ...results];
  const shown = lines.slice(0, REJECTED_SHOWN);
  if (lines.length > REJECTED_SHOWN) shown.push(chalk.dim(`  … and ${lines.length - REJECTED_SHOWN} more (use --format json for all of them)`));
  return [header, ...shown].join('\n');
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
