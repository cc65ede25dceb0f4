import { createHash } from 'node:crypto';
import type { ArtifactLocation, Location, Log, PhysicalLocation, Region, ReportingDescriptor, Result, Run } from 'sarif';
import type { AuditResult } from '../checkers/inference/audit-submission.ts';
import { compareStrings } from '../tree/submission-index.ts';
import type { Diagnostic, Severity, Suppression } from './diagnostic.ts';
import { REPOSITORY_URL, ruleDocsUrl } from './links.ts';
import { findingLocation, locatedMessage, normalisedRoot, uriReference, workingFolderPath, type FindingLocation } from './locations.ts';
import { markdownText } from './markdown.ts';
import type { Reporter } from './reporter.ts';
import { internalRule, registeredRule, ruleCategory } from './rule-lookup.ts';

/** SARIF 2.1.0 with its errata, as OASIS publishes it (test/fixtures/sarif-schema-2.1.0.json is a copy). */
const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** How GitHub code scanning ranks alerts that are not security alerts. */
const PROBLEM_SEVERITY: Record<Severity, 'error' | 'warning' | 'recommendation'> = { error: 'error', warning: 'warning', info: 'recommendation' };

/** GitHub code scanning's limit on a rule's short and full descriptions. */
const DESCRIPTION_LENGTH = 1024;

/**
 * Artifact URIs are relative to the folder the tool ran in (in CI, the repository checkout), the audited root as given
 * on the command line before the file: GitHub code scanning reads a relative URI as a path in the repository and does
 * not resolve `uriBaseId` (github/codeql-action#2215). The audited root is recorded as a base of its own.
 */
const WORKING_FOLDER_BASE = 'SRCROOT';
const SUBMISSION_BASE = 'SUBMISSIONROOT';

/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one run, the rules that ran (and any other rule a
 * finding names) with their documentation, and every finding, waived ones marked as suppressed. Each finding has a
 * file: one about a folder or a missing path is placed at the nearest file of the tree (Diagnostic.anchor), since
 * code scanning rejects a whole upload for one result without a file. Compact JSON: uploads are limited in size.
 */
export const sarifReporter: Reporter = (result) => `${JSON.stringify(toSarifLog(result))}\n`;

export function toSarifLog(result: AuditResult): Log {
  const rules = ruleDescriptors(result);
  const ruleIndex = new Map(rules.map((rule, position) => [rule.id, position]));
  const fingerprint = fingerprinter();
  const run: Run = {
    tool: { driver: { name: result.tool.name, version: result.tool.version, semanticVersion: result.tool.version, informationUri: REPOSITORY_URL, rules } },
    originalUriBaseIds: uriBases(result.root),
    columnKind: 'utf16CodeUnits',
    results: result.diagnostics.map((diagnostic) => sarifResult(diagnostic, result.root, ruleIndex.get(diagnostic.ruleId), fingerprint(diagnostic))),
  };
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] };
}

/** The rules that ran, in the audit's order, then the other ids findings name (the engine's own, e.g. a waiver's). */
function ruleDescriptors(result: AuditResult): ReportingDescriptor[] {
  const ran = new Set(result.rules.map((rule) => rule.id));
  const others = new Map<string, Diagnostic>();
  for (const diagnostic of result.diagnostics) if (!ran.has(diagnostic.ruleId) && !others.has(diagnostic.ruleId)) others.set(diagnostic.ruleId, diagnostic);
  return [
    ...result.rules.map((rule) => ruleDescriptor(rule.id, rule.description, rule.severity)),
    ...[...others]
      .sort(([a], [b]) => compareStrings(a, b))
      // A rule that did not run has no severity of its own here: its findings say what it reported at.
      .map(([id, first]) => ruleDescriptor(id, internalRule(id)?.description ?? registeredRule(id)?.meta.description ?? id, internalRule(id)?.severity ?? first.severity)),
  ];
}

function ruleDescriptor(id: string, description: string, severity: Severity): ReportingDescriptor {
  const ruleText = registeredRule(id)?.meta.ruleText;
  const docsPage = `docs/rules/${id}.md`;
  const url = ruleDocsUrl(id);
  const howToFix = "Each finding's message says what is wrong and how to fix it; the rule's page says what it checks, why, and how to fix it";
  return {
    id,
    shortDescription: { text: limited(description) },
    fullDescription: { text: limited(ruleText === undefined ? description : `${description} Rule: ${ruleText}`) },
    helpUri: url,
    help: {
      text: [description, ...(ruleText === undefined ? [] : [`Rule: ${ruleText}`]), `${howToFix}: ${docsPage} (${url}).`].join('\n\n'),
      markdown: [
        markdownText(description),
        ...(ruleText === undefined ? [] : [`**Rule:** ${markdownText(ruleText)}`]),
        `${markdownText(howToFix)}: [${docsPage}](${url}).`,
      ].join('\n\n'),
    },
    defaultConfiguration: { level: LEVEL[severity] },
    properties: { tags: [ruleCategory(id)], 'problem.severity': PROBLEM_SEVERITY[severity] },
  };
}

function limited(text: string): string {
  return text.length <= DESCRIPTION_LENGTH ? text : `${text.slice(0, DESCRIPTION_LENGTH - 1)}…`;
}

function sarifResult(diagnostic: Diagnostic, root: string, ruleIndex: number | undefined, fingerprint: string): Result {
  const location = findingLocation(diagnostic);
  return {
    ruleId: diagnostic.ruleId,
    ...(ruleIndex !== undefined && { ruleIndex }),
    level: LEVEL[diagnostic.severity],
    message: { text: locatedMessage(diagnostic, location) },
    locations: [{ physicalLocation: physicalLocation(root, location) }],
    partialFingerprints: { primaryLocationLineHash: fingerprint },
    ...(diagnostic.suppression !== undefined && { suppressions: [sarifSuppression(diagnostic.suppression)] }),
    properties: { unit: diagnostic.unit.path, ...(location.subject !== undefined && { subject: location.subject }) },
  };
}

function physicalLocation(root: string, location: FindingLocation): PhysicalLocation {
  // A finding shown at another file points at its first line, where code scanning can show it.
  const region: Region | undefined =
    location.subject !== undefined
      ? { startLine: 1 }
      : location.line !== undefined
        ? { startLine: Math.max(1, location.line), ...(location.column !== undefined && { startColumn: Math.max(1, location.column) }) }
        : undefined;
  return { artifactLocation: artifactLocation(workingFolderPath(root, location)), ...(region !== undefined && { region }) };
}

/** A waiver: accepted, kept outside the audited files (in the configuration file, which the location points at). */
function sarifSuppression(suppression: Suppression): NonNullable<Result['suppressions']>[number] {
  const { file, line, index } = suppression.source;
  const location: Location = {
    physicalLocation: { artifactLocation: artifactLocation(file), ...(line !== undefined && { region: { startLine: line } }) },
  };
  return { kind: 'external', status: 'accepted', justification: suppression.justification, location, properties: { approvedBy: suppression.approvedBy, waiver: index + 1 } };
}

/**
 * GitHub code scanning tells alerts apart across runs by `primaryLocationLineHash` alone, and computes it from the
 * file's lines when it is missing. Ours hashes the rule, the path the finding is about and the message id, so that an
 * alert survives edits that move lines; findings sharing all three are numbered in report order (`<hash>:<n>`, as
 * CodeQL numbers equal line hashes).
 */
function fingerprinter(): (diagnostic: Diagnostic) => string {
  const seen = new Map<string, number>();
  return (diagnostic) => {
    const hash = createHash('sha256').update(`${diagnostic.ruleId}\u0000${diagnostic.file}\u0000${diagnostic.messageId}`).digest('hex').slice(0, 16);
    const occurrence = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, occurrence);
    return `${hash}:${occurrence}`;
  };
}

/** A path relative to the working folder, or an absolute one (an absolute root), which needs no base. */
function artifactLocation(path: string): ArtifactLocation {
  const uri = uriReference(path || '.');
  return path.startsWith('/') ? { uri } : { uri, uriBaseId: WORKING_FOLDER_BASE };
}

/**
 * The working folder, whose absolute path a pure report cannot know, and the audited root in it (or absolute, as
 * given). SARIF wants a base's URI to end with a slash.
 */
function uriBases(root: string): NonNullable<Run['originalUriBaseIds']> {
  const normalised = normalisedRoot(root);
  const submission = normalised === '' ? { uri: './', uriBaseId: WORKING_FOLDER_BASE } : artifactLocation(`${normalised.replace(/\/$/, '')}/`);
  return {
    [WORKING_FOLDER_BASE]: { description: { text: 'The folder mlperf-audit ran in (in CI, the repository checkout); artifact URIs are relative to it.' } },
    [SUBMISSION_BASE]: { ...submission, description: { text: `The audited submission root, ${root} on the command line.` } },
  };
}
