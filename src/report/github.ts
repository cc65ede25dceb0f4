import type { AuditResult } from '../checkers/inference/audit-submission.ts';
import { SEVERITIES, type Diagnostic, type Severity } from './diagnostic.ts';
import { findingLocation, locatedMessage, workingFolderPath } from './locations.ts';
import type { Reporter } from './reporter.ts';
import { plural } from './stylish.ts';

type Command = 'error' | 'warning' | 'notice';

const COMMAND: Record<Severity, Command> = { error: 'error', warning: 'warning', info: 'notice' };

/**
 * GitHub keeps at most 10 error, 10 warning and 10 notice annotations per step and silently drops the rest
 * (actions/toolkit docs/problem-matchers.md).
 */
export const ANNOTATIONS_PER_STEP: Readonly<Record<Command, number>> = { error: 10, warning: 10, notice: 10 };

/**
 * GitHub Actions workflow commands that annotate files: the most severe findings first, as many as GitHub shows, then
 * one notice saying how many were left out and where they are. Waived findings are not annotated. Paths are relative
 * to the folder the audit ran in (in CI, the repository checkout), so the audited root as given is put before them.
 */
export const githubReporter: Reporter = (result) => annotations(result).map((line) => `${line}\n`).join('');

function annotations(result: AuditResult): string[] {
  const open = result.diagnostics.filter((diagnostic) => diagnostic.suppression === undefined);
  const waived = result.diagnostics.length - open.length;
  const ofSeverity = (severity: Severity): Diagnostic[] => open.filter((diagnostic) => diagnostic.severity === severity);
  const needsClosingNotice = waived > 0 || SEVERITIES.some((severity) => ofSeverity(severity).length > ANNOTATIONS_PER_STEP[COMMAND[severity]]);
  const lines: string[] = [];
  const omitted: string[] = [];
  let omittedCount = 0;
  for (const severity of SEVERITIES) {
    const command = COMMAND[severity];
    // The closing notice takes one of the notices GitHub shows.
    const room = ANNOTATIONS_PER_STEP[command] - (command === 'notice' && needsClosingNotice ? 1 : 0);
    const findings = ofSeverity(severity);
    for (const diagnostic of findings.slice(0, room)) lines.push(annotation(command, diagnostic, result.root));
    const left = Math.max(0, findings.length - room);
    if (left > 0) omitted.push(plural(left, severity));
    omittedCount += left;
  }
  if (needsClosingNotice) lines.push(workflowCommand('notice', { title: result.tool.name }, closingNotice(omittedCount, omitted, waived)));
  return lines;
}

function annotation(command: Command, diagnostic: Diagnostic, root: string): string {
  const location = findingLocation(diagnostic);
  const properties = {
    ...(location.file !== '' && { file: workingFolderPath(root, location) }),
    ...(location.line !== undefined && { line: String(location.line) }),
    ...(location.line !== undefined && location.column !== undefined && { col: String(location.column) }),
    title: diagnostic.ruleId,
  };
  return workflowCommand(command, properties, locatedMessage(diagnostic, location));
}

function closingNotice(omittedCount: number, omitted: readonly string[], waived: number): string {
  const sentences = [
    ...(omittedCount > 0
      ? [`${omittedCount} more ${omittedCount === 1 ? 'finding is' : 'findings are'} not annotated, as GitHub shows at most 10 errors, 10 warnings and 10 notices per step: ${omitted.join(', ')}.`]
      : []),
    ...(waived > 0 ? [`${waived} waived ${waived === 1 ? 'finding is' : 'findings are'} not annotated.`] : []),
    'The job summary (--format markdown) and the SARIF report (--format sarif) list every finding.',
  ];
  return sentences.join(' ');
}

/** `::command key=value,…::message`, escaped as the runner reads it (actions/toolkit command.ts). */
export function workflowCommand(command: Command, properties: Readonly<Record<string, string>>, message: string): string {
  const list = Object.entries(properties).map(([key, value]) => `${key}=${escapeProperty(value)}`);
  return `::${command}${list.length > 0 ? ` ${list.join(',')}` : ''}::${escapeData(message)}`;
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
