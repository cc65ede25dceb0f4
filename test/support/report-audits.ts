import path from 'node:path';
import { auditSubmission, type AuditResult } from '../../src/checkers/inference/audit-submission.ts';
import type { Waiver } from '../../src/config/waivers.ts';
import type { Diagnostic } from '../../src/report/diagnostic.ts';
import { registry } from '../../src/rules/registry.ts';
import { DiskFs } from '../../src/tree/disk-fs.ts';
import { sharedInference } from './shared-data.ts';

/** A round of the shared data as the command line names it from the clone: a relative path, the same on every machine. */
export const sharedRoot = (round: string): string => path.relative(process.cwd(), sharedInference(round));

/** The whole round, every rule of the recommended profile, timing removed. */
export async function auditSharedRound(round: string): Promise<AuditResult> {
  return withoutTiming(await auditSubmission({ fs: new DiskFs(sharedInference(round), sharedRoot(round)), round, profile: 'recommended' }));
}

/**
 * What the report snapshots show: v5.1 audited with a few rules, so that a snapshot changes when its format does and
 * not when a rule is added. They cover an error about a missing folder (shown at the nearest file), warnings with
 * lines, an open-only rule (skipped in closed), a submitter-level rule, a rule that passes, a waived error and a
 * waiver that matches nothing (a finding about the configuration file).
 */
export async function snapshotAudit(): Promise<AuditResult> {
  const ruleIds = new Set(['acc/extra-artifacts', 'acc/hash', 'acc/open-bounds', 'meas/user-conf-lines', 'div/calibration-set']);
  const waivers: Waiver[] = [
    { rule: 'acc/extra-artifacts', unit: 'closed/The_Stage', justification: 'Images published in the results repository', approvedBy: 'Results chair', index: 0, line: 3 },
    { rule: 'perf/test-mode', unit: 'closed/RedHat', justification: 'Fixed since', approvedBy: 'Results chair', index: 1, line: 7 },
  ];
  const result = await auditSubmission({
    fs: new DiskFs(sharedInference('v5.1'), sharedRoot('v5.1')),
    round: 'v5.1',
    profile: 'recommended',
    rules: registry.filter((rule) => ruleIds.has(rule.id)),
    waivers: { waivers, file: 'mlperf-audit.config.yaml', today: '2026-01-01' },
  });
  return withoutTiming(result);
}

export function withoutTiming(result: AuditResult): AuditResult {
  return { ...result, stats: { ...result.stats, durationMs: 0 } };
}

/** A finding for reporters' unit tests: an error at the root unless told otherwise. */
export function finding(overrides: Partial<Diagnostic> = {}): Diagnostic {
  return { ruleId: 'struct/hidden-names', messageId: 'hidden', severity: 'error', message: 'A hidden file.', file: 'closed/Org/.DS_Store', unit: { kind: 'submitter', path: 'closed/Org' }, ...overrides };
}
