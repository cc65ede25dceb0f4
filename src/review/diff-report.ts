import { Chalk, type ChalkInstance } from 'chalk';
import type { ResultVerdict } from '../checkers/verdicts.ts';
import type { Diagnostic } from '../report/diagnostic.ts';
import { ruleDocsUrl } from '../report/links.ts';
import { markdownText, STEP_SUMMARY_BUDGET, withinBudget, type Table } from '../report/markdown.ts';
import type { ReporterOptions } from '../report/reporter.ts';
import { plural } from '../report/stylish.ts';
import type { AuditCounts, AuditDiff, AuditSide, ResultChange, SeverityCounts } from './diff.ts';

/** Bumped when a field of `diff --format json` changes meaning or disappears. Documented in docs/review.md. */
export const DIFF_JSON_VERSION = 1;

export const DIFF_FORMATS = ['stylish', 'json', 'markdown'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

export const diffReporters: Record<DiffFormat, (diff: AuditDiff, options: ReporterOptions) => string> = {
  stylish: diffStylish,
  json: (diff) => `${JSON.stringify({ schemaVersion: DIFF_JSON_VERSION, ...diff }, null, 2)}\n`,
  markdown: diffMarkdown,
};

/** A result change in words, the same in every format. */
interface ChangeLine {
  readonly kind: 'added' | 'removed' | 'rejected' | 'accepted' | 'reasons' | 'metric';
  readonly path: string;
  readonly detail: string;
}

function changeLines(diff: AuditDiff): ChangeLine[] {
  const { results } = diff;
  return [
    ...results.newlyRejected.map((change) => ({ kind: 'rejected' as const, path: change.after.path, detail: `was accepted; now rejected by ${rejectingRules(change.after)}` })),
    ...results.added.map((verdict) => ({ kind: 'added' as const, path: verdict.path, detail: verdictText(verdict) })),
    ...results.reasonsChanged.map((change) => ({ kind: 'reasons' as const, path: change.after.path, detail: reasonsText(change) })),
    ...results.newlyAccepted.map((change) => ({ kind: 'accepted' as const, path: change.after.path, detail: `${metricText(change.after)}; was rejected by ${rejectingRules(change.before)}` })),
    ...results.metricChanged.map((change) => ({ kind: 'metric' as const, path: change.after.path, detail: `${metricText(change.before)} → ${metricText(change.after)}` })),
    ...results.removed.map((verdict) => ({ kind: 'removed' as const, path: verdict.path, detail: `was ${verdictText(verdict)}` })),
  ];
}

function verdictText(verdict: ResultVerdict): string {
  return verdict.status === 'accepted' ? `accepted, ${metricText(verdict)}` : `rejected by ${rejectingRules(verdict)}`;
}

/** The rules that reject a result; a result no rule rejects lacks a metric. */
function rejectingRules(verdict: ResultVerdict): string {
  return verdict.rejectedBy.join(', ') || 'no metric';
}

function metricText(verdict: ResultVerdict): string {
  const metric = verdict.metric === undefined ? 'no metric' : `${verdict.metric.text} ${verdict.metric.unit}`;
  return verdict.power === undefined ? metric : `${metric}, ${verdict.power.text} ${verdict.power.unit}`;
}

function reasonsText(change: ResultChange): string {
  return [
    ...(change.rejectedBy.length > 0 ? [`now also rejected by ${change.rejectedBy.join(', ')}`] : []),
    ...(change.noLongerRejectedBy.length > 0 ? [`no longer by ${change.noLongerRejectedBy.join(', ')}`] : []),
  ].join('; ');
}

function sideText(side: AuditSide): string {
  return `${side.root} (round ${side.round}, profile ${side.profile}, mlperf-audit ${side.toolVersion})`;
}

function countsText(counts: SeverityCounts): string {
  const parts = [plural(counts.errors, 'error'), plural(counts.warnings, 'warning'), ...(counts.infos > 0 ? [plural(counts.infos, 'info')] : []), ...(counts.waived > 0 ? [`${counts.waived} waived`] : [])];
  return parts.join(', ');
}

function auditText(counts: AuditCounts): string {
  return `${plural(counts.results, 'result')} (${counts.accepted} accepted, ${counts.rejected} rejected), ${countsText(counts)}`;
}

function outcomeText(diff: AuditDiff): string {
  const { summary } = diff;
  const counts = [
    plural(summary.newlyRejected, 'newly rejected result'),
    plural(summary.newFindings.errors, 'new error'),
    plural(diff.findings.fixed.length, 'fixed finding'),
  ].join(', ');
  return summary.regression ? `✖ Regression: ${counts}` : `✔ No regression: ${counts}`;
}

function findingPlace(diagnostic: Diagnostic): string {
  const file = diagnostic.file === '' ? '.' : diagnostic.file;
  return diagnostic.line === undefined ? file : `${file}:${diagnostic.line}`;
}

const CHANGE_STYLE: Record<ChangeLine['kind'], (chalk: ChalkInstance, text: string) => string> = {
  rejected: (chalk, text) => chalk.red(text),
  added: (chalk, text) => chalk.cyan(text),
  reasons: (chalk, text) => chalk.yellow(text),
  accepted: (chalk, text) => chalk.green(text),
  metric: (chalk, text) => chalk.blue(text),
  removed: (chalk, text) => chalk.dim(text),
};

/** For a terminal: both audits, the results that changed, the new and the fixed findings, and the outcome. */
function diffStylish(diff: AuditDiff, { color }: ReporterOptions): string {
  const chalk = new Chalk({ level: color ? 1 : 0 });
  const severity = (diagnostic: Diagnostic) => (diagnostic.severity === 'error' ? chalk.red : diagnostic.severity === 'warning' ? chalk.yellow : chalk.blue)(diagnostic.severity.padEnd(7));
  const findingRows = (diagnostics: readonly Diagnostic[]) =>
    diagnostics.map((diagnostic) => `  ${severity(diagnostic)}  ${findingPlace(diagnostic)}  ${diagnostic.message}  ${chalk.dim(diagnostic.ruleId)}`);
  const changes = changeLines(diff);
  const sections = [
    [`a: ${sideText(diff.a)}`, `   ${auditText(diff.summary.a)}`, `b: ${sideText(diff.b)}`, `   ${auditText(diff.summary.b)}`].join('\n'),
    ...(changes.length > 0 ? [[chalk.underline('Results that changed'), ...changes.map((line) => `  ${CHANGE_STYLE[line.kind](chalk, line.kind.padEnd(8))}  ${line.path}  ${chalk.dim(line.detail)}`)].join('\n')] : []),
    ...(diff.findings.new.length > 0 ? [[chalk.underline(`New findings (${countsText(diff.summary.newFindings)})`), ...findingRows(diff.findings.new)].join('\n')] : []),
    ...(diff.findings.fixed.length > 0 ? [[chalk.underline(`Fixed findings (${countsText(diff.summary.fixedFindings)})`), ...findingRows(diff.findings.fixed)].join('\n')] : []),
    diff.summary.regression ? chalk.red.bold(outcomeText(diff)) : chalk.green(outcomeText(diff)),
  ];
  return `${sections.join('\n\n')}\n`;
}

/** For a pull request comment or a job summary: Markdown tables, within GitHub's size limit for a step summary. */
function diffMarkdown(diff: AuditDiff): string {
  const head = [
    '## mlperf-audit diff',
    '',
    '| | a | b |',
    '| --- | --- | --- |',
    `| root | ${markdownText(diff.a.root)} | ${markdownText(diff.b.root)} |`,
    `| round, profile | ${diff.a.round}, ${diff.a.profile} | ${diff.b.round}, ${diff.b.profile} |`,
    `| results | ${auditText(diff.summary.a)} | ${auditText(diff.summary.b)} |`,
    '',
    `**${outcomeText(diff)}**`,
    '',
  ].join('\n');
  const changes: Table = {
    title: 'Results that changed',
    columns: [{ name: 'change' }, { name: 'result' }, { name: 'detail' }],
    rows: changeLines(diff).map((line) => [line.kind, markdownText(line.path), markdownText(line.detail)]),
    noun: 'results',
  };
  const findingTable = (title: string, diagnostics: readonly Diagnostic[]): Table => ({
    title,
    columns: [{ name: 'severity' }, { name: 'where' }, { name: 'rule' }, { name: 'message' }],
    rows: diagnostics.map((diagnostic) => [diagnostic.severity, markdownText(findingPlace(diagnostic)), `[\`${diagnostic.ruleId}\`](${ruleDocsUrl(diagnostic.ruleId)})`, markdownText(diagnostic.message)]),
    noun: 'findings',
  });
  return withinBudget(head, [changes, findingTable(`New findings (${countsText(diff.summary.newFindings)})`, diff.findings.new), findingTable(`Fixed findings (${countsText(diff.summary.fixedFindings)})`, diff.findings.fixed)], STEP_SUMMARY_BUDGET);
}
