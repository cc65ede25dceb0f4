import { describe, expect, it } from 'vitest';
import { auditSubmission, type AuditResult } from '../../src/checkers/inference/audit-submission.ts';
import type { Shard } from '../../src/checkers/shard.ts';
import type { Diagnostic } from '../../src/report/diagnostic.ts';
import { jsonReporter } from '../../src/report/json.ts';
import { parseJsonReport } from '../../src/report/read-json-report.ts';
import { mergeShards, type ShardAudit } from '../../src/review/merge-shards.ts';
import { DiskFs } from '../../src/tree/disk-fs.ts';
import { sharedInference } from '../support/shared-data.ts';

/** The parts of an audit that may differ between one run and the merge of its shards: wall time, and the shard. */
function comparable(audit: AuditResult): AuditResult {
  const { shard: _shard, ...rest } = audit;
  return { ...rest, stats: { ...rest.stats, durationMs: 0 } };
}

describe.each(['v5.1', 'v6.0'])('the 3 shards of %s, merged', (round) => {
  it('are the audit of the whole tree', async () => {
    const audit = (shard?: Shard) => auditSubmission({ fs: new DiskFs(sharedInference(round)), round, profile: 'recommended', ...(shard && { shard }) });
    const whole = await audit();
    const shards: ShardAudit[] = [];
    for (const index of [1, 2, 3]) {
      const source = `shard-${index}.json`;
      // Through the JSON report, as `merge` reads them.
      const read = parseJsonReport(jsonReporter(await audit({ index, count: 3 }), { color: false }), source);
      if (!read.ok) throw new Error(read.problem);
      shards.push({ source, audit: read.value });
    }

    const merged = mergeShards(shards);
    if (!merged.ok) throw new Error(merged.problem);
    expect(comparable(merged.value)).toEqual(comparable(whole));
    expect(merged.value.shard).toBeUndefined();
    const submitters = shards.flatMap((shard) => shard.audit.shard?.submitters ?? []);
    expect(submitters.sort()).toEqual([...new Set(whole.results.map((verdict) => `${verdict.division}/${verdict.submitter}`))].sort());
  }, 300_000);
});

const rootFinding: Diagnostic = { ruleId: 'struct/root-extra-files', messageId: 'extra', severity: 'error', message: 'An extra file.', file: 'notes.txt', unit: { kind: 'root', path: '' } };

function finding(path: string, extra: Partial<Diagnostic> = {}): Diagnostic {
  return { ruleId: 'perf/seeds', messageId: 'wrongSeed', severity: 'error', message: 'A wrong seed.', file: `${path}/performance/run_1/mlperf_log_detail.txt`, unit: { kind: 'scenario', path }, ...extra };
}

/** A small audit of one shard: one result per submitter, the root finding every shard makes. */
function shard(index: number, count: number, submitters: readonly string[], changes: Partial<AuditResult> = {}): ShardAudit {
  const results = submitters.map((submitter) => {
    const [division = '', name = ''] = submitter.split('/');
    return { path: `${submitter}/results/sys/resnet50/Offline`, division, submitter: name, system: 'sys', benchmark: 'resnet50', model: 'resnet50', scenario: 'Offline', status: 'rejected' as const, rejectedBy: ['perf/seeds'] };
  });
  const audit: AuditResult = {
    tool: { name: 'mlperf-audit', version: '0.1.0' },
    root: 'submission',
    round: { id: 'v5.1', detected: false },
    profile: 'recommended',
    officialChecker: 'monolith',
    diagnostics: [rootFinding, ...results.map((result) => finding(result.path))],
    results,
    rejections: [{ key: 'root', kind: 'root', ruleIds: ['struct/root-extra-files'] }, ...results.map((result) => ({ key: result.path, kind: 'scenario' as const, ruleIds: ['perf/seeds'], coveredBy: 'root' }))],
    rules: [{ id: 'perf/seeds', description: 'Seeds.', severity: 'error' }],
    stats: { entries: 100, durationMs: 10 * index },
    shard: { index, count, submitters },
    ...changes,
  };
  return { source: `shard-${index}.json`, audit };
}

describe('merge', () => {
  it('keeps the root findings once, orders the rest as a walk of the tree would, and takes the longest duration', () => {
    const merged = mergeShards([shard(2, 2, ['closed/B', 'open/A']), shard(1, 2, ['closed/A-1', 'closed/A'])]);
    if (!merged.ok) throw new Error(merged.problem);
    // Folder by folder: closed/A before closed/A-1, though "closed/A-1/" sorts before "closed/A/" as a string.
    expect(merged.value.results.map((result) => result.path)).toEqual(['closed/A/results/sys/resnet50/Offline', 'closed/A-1/results/sys/resnet50/Offline', 'closed/B/results/sys/resnet50/Offline', 'open/A/results/sys/resnet50/Offline']);
    expect(merged.value.diagnostics.filter((diagnostic) => diagnostic.unit.kind === 'root')).toEqual([rootFinding]);
    expect(merged.value.rejections.filter((rejection) => rejection.kind === 'root')).toHaveLength(1);
    expect(merged.value.stats).toEqual({ entries: 100, durationMs: 20 });
  });

  it('merges a shard that holds no submitter', () => {
    const merged = mergeShards([shard(1, 2, ['closed/A']), shard(2, 2, [])]);
    expect(merged.ok && merged.value.results).toHaveLength(1);
  });

  it('reports a waiver unused only when no shard used it', () => {
    const unused = (waiver: number): Diagnostic => ({ ruleId: 'config/unused-waiver', messageId: 'unused', severity: 'warning', message: `Waiver ${waiver} matched no finding.`, file: 'mlperf-audit.config.yaml', unit: { kind: 'root', path: '' }, data: { waiver } });
    const waived = { kind: 'waiver' as const, justification: 'Known.', approvedBy: 'chair', source: { file: 'mlperf-audit.config.yaml', index: 0 } };
    // Waiver 1 (a glob) is judged by both shards and used in shard 2; waiver 2 is unused in shard 1, which judged it.
    const first = shard(1, 2, ['closed/A']);
    const second = shard(2, 2, ['closed/B']);
    const merged = mergeShards([
      { ...first, audit: { ...first.audit, diagnostics: [...first.audit.diagnostics, unused(1), unused(2)] } },
      { ...second, audit: { ...second.audit, diagnostics: second.audit.diagnostics.map((diagnostic) => (diagnostic.unit.kind === 'scenario' ? { ...diagnostic, suppression: waived } : diagnostic)) } },
    ]);
    if (!merged.ok) throw new Error(merged.problem);
    expect(merged.value.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'config/unused-waiver').map((diagnostic) => diagnostic.data?.['waiver'])).toEqual([2]);
  });

  const refusals: [string, ShardAudit[], RegExp][] = [
    ['an audit made without --shard', [shard(1, 2, ['closed/A']), { source: 'whole.json', audit: { ...shard(2, 2, []).audit, shard: undefined } as AuditResult }], /^whole\.json is not a shard: it was audited without --shard$/],
    ['shards of two splits', [shard(1, 2, ['closed/A']), shard(2, 3, ['closed/B'])], /shard-1\.json is shard 1\/2 but shard-2\.json is shard 2\/3/],
    ['missing shards, named', [shard(2, 4, ['closed/A'])], /^shards 1\/4, 3\/4, 4\/4 are missing: merge needs all 4 shards/],
    ['one missing shard', [shard(1, 2, ['closed/A'])], /^shard 2\/2 is missing/],
    ['a shard given twice', [shard(1, 2, ['closed/A']), shard(1, 2, ['closed/A']), shard(2, 2, [])], /^shard 1\/2 is given twice: shard-1\.json and shard-1\.json$/],
    ['a submitter in two shards', [shard(1, 2, ['closed/A']), shard(2, 2, ['closed/A'])], /^closed\/A was audited by both shard-1\.json \(shard 1\/2\) and shard-2\.json \(shard 2\/2\)$/],
    ['two rounds', [shard(1, 2, ['closed/A']), shard(2, 2, [], { round: { id: 'v6.0', detected: false } })], /differ in round \(v5\.1 and v6\.0\)/],
    ['two profiles', [shard(1, 2, ['closed/A']), shard(2, 2, [], { profile: 'official' })], /differ in profile \(recommended and official\)/],
    ['two roots', [shard(1, 2, ['closed/A']), shard(2, 2, [], { root: 'elsewhere' })], /differ in root \(submission and elsewhere\)/],
    ['other rule severities', [shard(1, 2, ['closed/A']), shard(2, 2, [], { rules: [] })], /differ in rules or their severities/],
    ['two trees', [shard(1, 2, ['closed/A']), shard(2, 2, [], { stats: { entries: 99, durationMs: 1 } })], /differ in tree \(paths indexed\) \(100 and 99\)/],
    ['root findings that disagree', [shard(1, 2, ['closed/A']), shard(2, 2, [], { diagnostics: [] })], /disagree on the findings of the root and division rules/],
  ];
  it.each(refusals)('refuses %s, saying why', (_name, shards, message) => {
    const merged = mergeShards(shards);
    expect(merged.ok).toBe(false);
    expect(!merged.ok && merged.problem).toMatch(message);
  });
});
