import { beforeAll, describe, expect, it } from 'vitest';
import { auditSubmission, type AuditResult } from '../../src/checkers/inference/audit-submission.ts';
import type { ResultVerdict } from '../../src/checkers/verdicts.ts';
import type { Diagnostic } from '../../src/report/diagnostic.ts';
import { diffAudits } from '../../src/review/diff.ts';
import { diffReporters } from '../../src/review/diff-report.ts';
import { MemoryFs } from '../../src/tree/memory-fs.ts';
import { withEditedFile, withLogValue } from '../rules/perf/mllog-edits.ts';
import { realResult } from '../support/shared-data.ts';

const WHISPER = 'closed/RedHat/results/8xH200_whisper/whisper/Offline';

describe('diff of two versions of a real submission', () => {
  let accepted: AuditResult;
  let wrongSeed: AuditResult;
  beforeAll(async () => {
    const tree = realResult('v6.0', WHISPER).tree;
    const broken = withEditedFile(tree, `${WHISPER}/performance/run_1/mlperf_log_detail.txt`, (log) => withLogValue(log, 'effective_sample_index_rng_seed', '1'));
    accepted = await auditSubmission({ fs: new MemoryFs(tree), round: 'v6.0', profile: 'recommended' });
    wrongSeed = await auditSubmission({ fs: new MemoryFs(broken), round: 'v6.0', profile: 'recommended' });
  });

  it('shows the result newly rejected, with the rule, and the new error: a regression', () => {
    const diff = diffAudits(accepted, wrongSeed);
    expect(diff.results.newlyRejected.map((change) => [change.key, change.rejectedBy])).toEqual([['closed/RedHat/8xH200_whisper/whisper/Offline', ['perf/seeds']]]);
    expect(diff.findings.new.map((diagnostic) => `${diagnostic.ruleId}:${diagnostic.severity}`)).toEqual(['perf/seeds:error']);
    expect(diff.findings.fixed).toEqual([]);
    expect(diff.summary.regression).toBe(true);
  });

  it('shows the fix the other way round: newly accepted, the finding fixed, no regression', () => {
    const diff = diffAudits(wrongSeed, accepted);
    expect(diff.results.newlyAccepted.map((change) => change.noLongerRejectedBy)).toEqual([['perf/seeds']]);
    expect(diff.findings.fixed.map((diagnostic) => diagnostic.ruleId)).toEqual(['perf/seeds']);
    expect(diff.findings.new).toEqual([]);
    expect(diff.summary.regression).toBe(false);
  });

  it('finds nothing between an audit and itself', () => {
    const diff = diffAudits(accepted, accepted);
    expect(Object.values(diff.results).flat()).toEqual([]);
    expect([...diff.findings.new, ...diff.findings.fixed]).toEqual([]);
  });
});

function verdict(path: string, status: ResultVerdict['status'], changes: Partial<ResultVerdict> = {}): ResultVerdict {
  const [division = '', submitter = '', , system = '', benchmark = '', scenario = ''] = path.split('/');
  return {
    path,
    division,
    submitter,
    system,
    benchmark,
    scenario,
    model: benchmark,
    status,
    rejectedBy: status === 'rejected' ? ['perf/seeds'] : [],
    ...(status === 'accepted' && { metric: { value: 100, text: '100.0', unit: 'Samples/s', key: 'result_samples_per_second', inferred: false } }),
    ...changes,
  };
}

function finding(changes: Partial<Diagnostic> = {}): Diagnostic {
  const unit = 'closed/Org/results/sys/resnet50/Offline';
  return { ruleId: 'perf/min-duration', messageId: 'tooShort', severity: 'error', message: 'The run lasted 500 s; 600 s is the minimum.', file: `${unit}/performance/run_1/mlperf_log_detail.txt`, line: 12, unit: { kind: 'scenario', path: unit }, data: { seconds: 500, minimum: 600 }, ...changes };
}

function audit(changes: Partial<AuditResult>): AuditResult {
  return {
    tool: { name: 'mlperf-audit', version: '0.1.0' },
    root: 'submission',
    round: { id: 'v5.1', detected: false },
    profile: 'recommended',
    officialChecker: 'monolith',
    diagnostics: [],
    results: [],
    rejections: [],
    rules: [],
    stats: { entries: 1, durationMs: 1 },
    ...changes,
  };
}

describe('matching', () => {
  it('matches the results of two rounds of one submitter by division, submitter, system, benchmark and scenario', () => {
    const a = audit({ root: 'inference_results_v5.1', results: [verdict('closed/Org/results/sys/resnet50/Offline', 'accepted'), verdict('closed/Org/results/sys/bert-99/Offline', 'accepted')] });
    const b = audit({
      root: 'inference_results_v6.0',
      round: { id: 'v6.0', detected: false },
      results: [verdict('closed/Org/results/sys/resnet50/Offline', 'accepted', { metric: { value: 120, text: '120.0', unit: 'Samples/s', key: 'result_samples_per_second', inferred: false } }), verdict('closed/Org/results/sys/llama2-70b-99/Offline', 'accepted')],
    });
    const diff = diffAudits(a, b);
    expect(diff.results.added.map((result) => result.benchmark)).toEqual(['llama2-70b-99']);
    expect(diff.results.removed.map((result) => result.benchmark)).toEqual(['bert-99']);
    expect(diff.results.metricChanged.map((change) => [change.before.metric?.text, change.after.metric?.text])).toEqual([['100.0', '120.0']]);
    expect(diff.summary.regression).toBe(false);
  });

  it('matches a finding whose wording or line changed, and tells a finding with other values apart', () => {
    const a = audit({ diagnostics: [finding()] });
    expect(diffAudits(a, audit({ diagnostics: [finding({ message: 'Reworded in a later version.', line: 40 })] })).findings).toEqual({ new: [], fixed: [] });
    const otherValues = diffAudits(a, audit({ diagnostics: [finding({ data: { seconds: 550, minimum: 600 } })] }));
    expect([otherValues.findings.new.length, otherValues.findings.fixed.length]).toEqual([1, 1]);
  });

  it('counts a finding reported twice as new once', () => {
    const diff = diffAudits(audit({ diagnostics: [finding()] }), audit({ diagnostics: [finding(), finding()] }));
    expect(diff.findings.new).toHaveLength(1);
  });

  it('is a regression when b adds a rejected result or a new error, but not a new error a waiver covers', () => {
    expect(diffAudits(audit({}), audit({ results: [verdict('closed/Org/results/sys/resnet50/Offline', 'rejected')] })).summary.regression).toBe(true);
    expect(diffAudits(audit({}), audit({ diagnostics: [finding()] })).summary.regression).toBe(true);
    expect(diffAudits(audit({}), audit({ diagnostics: [finding({ severity: 'warning' })] })).summary.regression).toBe(false);
    const waived = finding({ suppression: { kind: 'waiver', justification: 'Agreed with the chair.', approvedBy: 'chair', source: { file: 'mlperf-audit.config.yaml', index: 0 } } });
    expect(diffAudits(audit({}), audit({ diagnostics: [waived] })).summary.regression).toBe(false);
  });

  it('lists results still rejected, by other rules', () => {
    const path = 'closed/Org/results/sys/resnet50/Offline';
    const diff = diffAudits(audit({ results: [verdict(path, 'rejected')] }), audit({ results: [verdict(path, 'rejected', { rejectedBy: ['acc/targets'] })] }));
    expect(diff.results.reasonsChanged.map((change) => [change.rejectedBy, change.noLongerRejectedBy])).toEqual([[['acc/targets'], ['perf/seeds']]]);
  });
});

describe('diff reports', () => {
  const path = 'closed/Org/results/sys/resnet50/Offline';
  const diff = diffAudits(
    audit({ results: [verdict(path, 'accepted')], diagnostics: [finding({ ruleId: 'sys/unknown-fields', severity: 'warning', message: 'A field | with a pipe.' })] }),
    audit({ results: [verdict(path, 'rejected')], diagnostics: [finding()] }),
  );

  it('stylish: both audits, the changed result with its rules, the new and fixed findings, the outcome', () => {
    const text = diffReporters.stylish(diff, { color: false });
    expect(text).toContain(`rejected  ${path}  was accepted; now rejected by perf/seeds`);
    expect(text).toMatch(/^New findings \(1 error, 0 warnings\)\n {2}error {4}closed\/Org\/results\/sys\/resnet50\/Offline\/performance\/run_1\/mlperf_log_detail\.txt:12 {2}The run lasted 500 s; 600 s is the minimum\. {2}perf\/min-duration$/m);
    expect(text).toContain('Fixed findings (0 errors, 1 warning)');
    expect(text.trimEnd().split('\n').at(-1)).toBe('✖ Regression: 1 newly rejected result, 1 new error, 1 fixed finding');
  });

  it('markdown: tables whose cells survive Markdown in a message, rules linked to their pages', () => {
    const text = diffReporters.markdown(diff, { color: false });
    expect(text).toContain('**✖ Regression: 1 newly rejected result, 1 new error, 1 fixed finding**');
    expect(text).toContain(`| rejected | ${path} | was accepted; now rejected by perf/seeds |`);
    expect(text).toContain('| warning | closed/Org/results/sys/resnet50/Offline/performance/run\\_1/mlperf\\_log\\_detail.txt:12 | [`sys/unknown-fields`](https://github.com/mlcommons/mlperf-audit/blob/main/docs/rules/sys/unknown-fields.md) | A field \\| with a pipe. |');
  });

  it('json: the whole diff with its schema version', () => {
    expect(JSON.parse(diffReporters.json(diff, { color: false }))).toEqual({ schemaVersion: 1, ...JSON.parse(JSON.stringify(diff)) });
  });
});
