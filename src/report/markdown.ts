import type { AuditResult } from '../checkers/inference/audit-submission.ts';
import type { ResultVerdict } from '../checkers/verdicts.ts';
import { compareStrings } from '../tree/submission-index.ts';
import { SEVERITIES, type Diagnostic, type Severity } from './diagnostic.ts';
import { ruleDocsUrl } from './links.ts';
import type { Reporter } from './reporter.ts';
import { plural } from './stylish.ts';

/**
 * GitHub drops a job step summary larger than 1 MiB ("supports content up to a size of 1024k"). The summary stays
 * under 1,000,000 bytes, leaving room for anything else the step writes to $GITHUB_STEP_SUMMARY.
 */
export const STEP_SUMMARY_BUDGET = 1_000_000;

/** Room kept for each table still to come: its heading and the line saying what it left out. */
const TABLE_ROOM = 400;

/** A rejection reason longer than this is cut: the table gives the first reason, the JSON report all of them. */
const REASON_LENGTH = 300;

/** A job summary for GitHub Actions ($GITHUB_STEP_SUMMARY): the outcome, verdicts per submitter, findings per rule. */
export const markdownReporter: Reporter = (result) => markdownSummary(result);

export function markdownSummary(result: AuditResult, maxBytes: number = STEP_SUMMARY_BUDGET): string {
  return withinBudget(headline(result), [verdictTable(result), ruleTable(result), rejectedTable(result)], maxBytes);
}

/** Text for Markdown: on one line, with `|` and the characters Markdown would format escaped. */
export function markdownText(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').replace(/[\\`*_[\]<>|~&]/g, '\\$&');
}

function headline(result: AuditResult): string {
  const accepted = result.results.filter((verdict) => verdict.status === 'accepted').length;
  const rejected = result.results.length - accepted;
  const round = result.round.detected ? `${result.round.id} (recognised from the logs: ${markdownText(result.round.evidence ?? '')})` : result.round.id;
  const open = result.diagnostics.filter((diagnostic) => diagnostic.suppression === undefined);
  const count = (severity: Severity): string => plural(open.filter((diagnostic) => diagnostic.severity === severity).length, severity);
  const waived = result.diagnostics.length - open.length;
  const seconds = (result.stats.durationMs / 1000).toFixed(1);
  return [
    `## ${result.tool.name}: ${accepted} accepted, ${rejected} rejected`,
    '',
    `Round **${round}**, profile **${result.profile}**, official checker: ${result.officialChecker}.`,
    `${count('error')}, ${count('warning')}, ${count('info')}, ${waived} waived; ${plural(result.stats.entries, 'path')} audited in ${seconds} s.`,
    '',
  ].join('\n');
}

export interface Table {
  readonly title: string;
  readonly columns: readonly { readonly name: string; readonly numeric?: boolean }[];
  readonly rows: readonly (readonly string[])[];
  /** What a row is, for the line that says how many were left out. */
  readonly noun: string;
}

function verdictTable(result: AuditResult): Table {
  const groups = new Map<string, { submitter: string; division: string; accepted: number; rejected: number }>();
  for (const verdict of result.results) {
    const key = `${verdict.submitter}\u0000${verdict.division}`;
    const group = groups.get(key) ?? { submitter: verdict.submitter, division: verdict.division, accepted: 0, rejected: 0 };
    group[verdict.status] += 1;
    groups.set(key, group);
  }
  const sorted = [...groups.values()].sort((a, b) => compareStrings(a.submitter, b.submitter) || compareStrings(a.division, b.division));
  return {
    title: 'Verdicts by submitter',
    columns: [{ name: 'submitter' }, { name: 'division' }, { name: 'accepted', numeric: true }, { name: 'rejected', numeric: true }],
    rows: sorted.map((group) => [markdownText(group.submitter), markdownText(group.division), String(group.accepted), String(group.rejected)]),
    noun: 'submitter rows',
  };
}

function ruleTable(result: AuditResult): Table {
  const counts = new Map<string, Record<Severity | 'waived', number>>();
  for (const diagnostic of result.diagnostics) {
    const row = counts.get(diagnostic.ruleId) ?? { error: 0, warning: 0, info: 0, waived: 0 };
    row[diagnostic.suppression === undefined ? diagnostic.severity : 'waived'] += 1;
    counts.set(diagnostic.ruleId, row);
  }
  const sorted = [...counts].sort(([idA, a], [idB, b]) => b.error - a.error || b.warning - a.warning || b.info - a.info || b.waived - a.waived || compareStrings(idA, idB));
  return {
    title: 'Findings by rule',
    columns: [{ name: 'rule' }, ...SEVERITIES.map((severity) => ({ name: `${severity}s`, numeric: true })), { name: 'waived', numeric: true }],
    rows: sorted.map(([id, row]) => [`[\`${id}\`](${ruleDocsUrl(id)})`, ...SEVERITIES.map((severity) => String(row[severity])), String(row.waived)]),
    noun: 'rules',
  };
}

function rejectedTable(result: AuditResult): Table {
  const rejecting = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error' && diagnostic.suppression === undefined);
  const rows = result.results
    .filter((verdict) => verdict.status === 'rejected')
    .map((verdict) => [markdownText(verdict.path), verdict.rejectedBy.map((id) => `\`${id}\``).join(', ') || 'none', markdownText(firstReason(verdict, rejecting))]);
  return { title: 'Rejected results', columns: [{ name: 'result' }, { name: 'rejected by' }, { name: 'first reason' }], rows, noun: 'rejected results' };
}

/** The first error, in report order, of a rule that rejects the result, found at the result or a unit above it. */
function firstReason(verdict: ResultVerdict, errors: readonly Diagnostic[]): string {
  const rejectedBy = new Set(verdict.rejectedBy);
  const above = (unitPath: string): boolean => unitPath === '' || verdict.path === unitPath || verdict.path.startsWith(`${unitPath}/`);
  const reason = errors.find((diagnostic) => rejectedBy.has(diagnostic.ruleId) && above(diagnostic.unit.path));
  if (reason === undefined) return 'No metric could be read from the performance log.';
  return reason.message.length > REASON_LENGTH ? `${reason.message.slice(0, REASON_LENGTH - 1)}…` : reason.message;
}

/**
 * The headline, then each table with as many rows as the byte budget allows; a table that cannot show every row ends
 * with a line saying how many it left out and where to find them.
 */
export function withinBudget(head: string, tables: readonly Table[], maxBytes: number): string {
  const parts = [head];
  let used = Buffer.byteLength(head);
  const append = (text: string): void => {
    parts.push(text);
    used += Buffer.byteLength(text);
  };
  tables.forEach((table, position) => {
    if (table.rows.length === 0) return;
    const reserve = (tables.length - position) * TABLE_ROOM;
    const separator = table.columns.map((column) => (column.numeric === true ? '---:' : '---'));
    append(`\n### ${table.title}\n\n${tableRow(table.columns.map((column) => column.name))}\n${tableRow(separator)}\n`);
    let shown = 0;
    for (const cells of table.rows) {
      const line = `${tableRow(cells)}\n`;
      if (used + Buffer.byteLength(line) + reserve > maxBytes) break;
      append(line);
      shown += 1;
    }
    const left = table.rows.length - shown;
    if (left > 0) append(`\n_${left} of ${table.rows.length} ${table.noun} left out to keep this summary under GitHub's 1 MiB limit: the JSON report (--format json) has them all._\n`);
  });
  return parts.join('');
}

function tableRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}
