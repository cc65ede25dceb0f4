import type { AuditResult } from '../checkers/inference/audit-submission.ts';
import type { ResultVerdict } from '../checkers/verdicts.ts';
import type { Diagnostic, Severity } from '../report/diagnostic.ts';
import { compareStrings } from '../tree/submission-index.ts';

/** Which audit a side of the diff is: enough to tell two versions or two rounds apart. */
export interface AuditSide {
  readonly root: string;
  readonly round: string;
  readonly profile: AuditResult['profile'];
  readonly toolVersion: string;
}

/** One result in both audits whose verdict changed. */
export interface ResultChange {
  /** `<division>/<submitter>/<system>/<benchmark>/<scenario>`: how the two audits' results are matched. */
  readonly key: string;
  readonly before: ResultVerdict;
  readonly after: ResultVerdict;
  /** Rules that reject the result in b and did not in a. */
  readonly rejectedBy: readonly string[];
  /** Rules that rejected the result in a and no longer do in b. */
  readonly noLongerRejectedBy: readonly string[];
}

/** As the JSON report's summary counts: errors, warnings and infos leave out the findings a waiver covers. */
export interface SeverityCounts {
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  readonly waived: number;
}

export interface AuditDiff {
  readonly a: AuditSide;
  readonly b: AuditSide;
  readonly results: {
    /** In b only. */
    readonly added: readonly ResultVerdict[];
    /** In a only. */
    readonly removed: readonly ResultVerdict[];
    /** Accepted in a, rejected in b. */
    readonly newlyRejected: readonly ResultChange[];
    /** Rejected in a, accepted in b. */
    readonly newlyAccepted: readonly ResultChange[];
    /** Rejected in both, by different rules. */
    readonly reasonsChanged: readonly ResultChange[];
    /** Accepted in both, with a different metric. */
    readonly metricChanged: readonly ResultChange[];
  };
  readonly findings: {
    /** In b with no match in a. */
    readonly new: readonly Diagnostic[];
    /** In a with no match in b. */
    readonly fixed: readonly Diagnostic[];
  };
  readonly summary: {
    readonly a: AuditCounts;
    readonly b: AuditCounts;
    readonly newFindings: SeverityCounts;
    readonly fixedFindings: SeverityCounts;
    /** Results b rejects that a accepted or did not have. */
    readonly newlyRejected: number;
    /** b has new error findings (not waived) or newly rejected results: `diff` exits with 1. */
    readonly regression: boolean;
  };
}

export interface AuditCounts extends SeverityCounts {
  readonly results: number;
  readonly accepted: number;
  readonly rejected: number;
}

/**
 * What changed from audit a to audit b: two versions of a submission, or two rounds of one submitter. Results are
 * matched by division, submitter, system, benchmark and scenario, so the round and the root may differ. Findings are
 * matched by rule, message id, unit, file and the values in the message, each match used once: the wording of a
 * message, its line and its severity do not make a finding new.
 */
export function diffAudits(a: AuditResult, b: AuditResult): AuditDiff {
  const before = new Map(a.results.map((verdict) => [resultKey(verdict), verdict]));
  const after = new Map(b.results.map((verdict) => [resultKey(verdict), verdict]));
  const changes = b.results.flatMap((verdict): ResultChange[] => {
    const key = resultKey(verdict);
    const earlier = before.get(key);
    if (earlier === undefined) return [];
    const rejectedBy = verdict.rejectedBy.filter((id) => !earlier.rejectedBy.includes(id));
    const noLongerRejectedBy = earlier.rejectedBy.filter((id) => !verdict.rejectedBy.includes(id));
    return [{ key, before: earlier, after: verdict, rejectedBy, noLongerRejectedBy }];
  });
  const isStatusChange = (from: ResultVerdict['status'], to: ResultVerdict['status']) => (change: ResultChange) => change.before.status === from && change.after.status === to;
  const bothRejected = isStatusChange('rejected', 'rejected');
  const bothAccepted = isStatusChange('accepted', 'accepted');

  const results = {
    added: b.results.filter((verdict) => !before.has(resultKey(verdict))),
    removed: a.results.filter((verdict) => !after.has(resultKey(verdict))),
    newlyRejected: changes.filter(isStatusChange('accepted', 'rejected')),
    newlyAccepted: changes.filter(isStatusChange('rejected', 'accepted')),
    reasonsChanged: changes.filter((change) => bothRejected(change) && change.rejectedBy.length + change.noLongerRejectedBy.length > 0),
    metricChanged: changes.filter((change) => bothAccepted(change) && !sameMetric(change.before, change.after)),
  };
  const findings = matchFindings(a.diagnostics, b.diagnostics);
  const newFindings = severityCounts(findings.new);
  const newlyRejected = results.newlyRejected.length + results.added.filter((verdict) => verdict.status === 'rejected').length;
  return {
    a: sideOf(a),
    b: sideOf(b),
    results,
    findings,
    summary: { a: countsOf(a), b: countsOf(b), newFindings, fixedFindings: severityCounts(findings.fixed), newlyRejected, regression: newFindings.errors > 0 || newlyRejected > 0 },
  };
}

/** The result's identity without `results/`, the same in every round and version of a submission. */
export function resultKey(verdict: ResultVerdict): string {
  return [verdict.division, verdict.submitter, verdict.system, verdict.benchmark, verdict.scenario].join('/');
}

/** What identifies a finding across two audits. */
export function findingKey(diagnostic: Diagnostic): string {
  const data = Object.entries(diagnostic.data ?? {}).sort(([first], [second]) => compareStrings(first, second));
  return JSON.stringify([diagnostic.ruleId, diagnostic.messageId, diagnostic.unit.kind, diagnostic.unit.path, diagnostic.file, data]);
}

function matchFindings(before: readonly Diagnostic[], after: readonly Diagnostic[]): AuditDiff['findings'] {
  const unmatched = new Map<string, Diagnostic[]>();
  for (const diagnostic of before) {
    const key = findingKey(diagnostic);
    unmatched.set(key, [...(unmatched.get(key) ?? []), diagnostic]);
  }
  const found: Diagnostic[] = [];
  for (const diagnostic of after) {
    const twins = unmatched.get(findingKey(diagnostic));
    if (twins !== undefined && twins.length > 0) twins.shift();
    else found.push(diagnostic);
  }
  const fixed = before.filter((diagnostic) => unmatched.get(findingKey(diagnostic))?.includes(diagnostic));
  return { new: found, fixed };
}

function sameMetric(a: ResultVerdict, b: ResultVerdict): boolean {
  return a.metric?.text === b.metric?.text && a.metric?.unit === b.metric?.unit && a.power?.text === b.power?.text;
}

function sideOf(audit: AuditResult): AuditSide {
  return { root: audit.root, round: audit.round.id, profile: audit.profile, toolVersion: audit.tool.version };
}

function severityCounts(diagnostics: readonly Diagnostic[]): SeverityCounts {
  const counted = diagnostics.filter((diagnostic) => diagnostic.suppression === undefined);
  const count = (severity: Severity) => counted.filter((diagnostic) => diagnostic.severity === severity).length;
  return { errors: count('error'), warnings: count('warning'), infos: count('info'), waived: diagnostics.length - counted.length };
}

function countsOf(audit: AuditResult): AuditCounts {
  const accepted = audit.results.filter((verdict) => verdict.status === 'accepted').length;
  return { results: audit.results.length, accepted, rejected: audit.results.length - accepted, ...severityCounts(audit.diagnostics) };
}
