import { describe, expect, it } from 'vitest';
import { auditSubmission } from '../../src/checkers/inference/audit-submission.ts';
import { applyWaivers, pathMatcher, type Waiver } from '../../src/config/waivers.ts';
import { exitCodeOf } from '../../src/cli/exit-code.ts';
import type { Diagnostic } from '../../src/report/diagnostic.ts';
import { MemoryFs } from '../../src/tree/memory-fs.ts';
import { realResult, withChanges } from '../support/shared-data.ts';

const RESULT = 'closed/Acme/results/sys/resnet50/Offline';

function finding(ruleId: string, file: string, unitPath: string): Diagnostic {
  return { ruleId, messageId: 'm', severity: 'error', message: `${ruleId} at ${file}`, file, unit: { kind: 'scenario', path: unitPath } };
}

function waiver(fields: Partial<Waiver> & Pick<Waiver, 'rule' | 'unit'>, index = 0): Waiver {
  return { justification: 'accepted by the review', approvedBy: 'Results chair', index, line: 10 + index, ...fields };
}

const settings = (waivers: readonly Waiver[]) => ({ waivers, file: 'mlperf-audit.config.yaml', today: '2026-06-01' });

describe('applyWaivers', () => {
  it('suppresses a finding whose unit path or file is the waiver unit or lies below it, and records the waiver', () => {
    const onFile = finding('perf/min-duration', `${RESULT}/performance/run_1/mlperf_log_detail.txt`, '');
    const onUnit = finding('sys/required-fields', 'closed/Acme/systems/sys.json', 'closed/Acme/results/sys');
    const other = finding('sys/required-fields', 'closed/Acme/systems/other.json', 'closed/Acme/results/other');
    const waived = applyWaivers([onFile, onUnit, other], settings([waiver({ rule: 'perf/min-duration', unit: RESULT }), waiver({ rule: 'sys/required-fields', unit: 'closed/Acme/results/sys' }, 1)]));
    expect(waived.find((diagnostic) => diagnostic.file === onFile.file)?.suppression).toEqual({
      kind: 'waiver',
      justification: 'accepted by the review',
      approvedBy: 'Results chair',
      source: { file: 'mlperf-audit.config.yaml', index: 0, line: 10 },
    });
    expect(waived.find((diagnostic) => diagnostic.file === onUnit.file)?.suppression?.source.index).toBe(1);
    expect(waived.find((diagnostic) => diagnostic.file === other.file)?.suppression).toBeUndefined();
    expect(waived).toHaveLength(3);
  });

  it('waives only the rule it names', () => {
    const [diagnostic] = applyWaivers([finding('perf/min-duration', `${RESULT}/x.txt`, RESULT)], settings([waiver({ rule: 'perf/min-duration', unit: RESULT }), waiver({ rule: 'perf/min-queries', unit: RESULT }, 1)]));
    expect(diagnostic?.suppression?.source.index).toBe(0);
  });

  it('reports a waiver that matched nothing at its line in the configuration file', () => {
    const waived = applyWaivers([finding('perf/min-duration', `${RESULT}/x.txt`, RESULT)], settings([waiver({ rule: 'perf/min-duration', unit: 'closed/Acme/results/sys/resnet50/Server' })]));
    const unused = waived.find((diagnostic) => diagnostic.ruleId === 'config/unused-waiver');
    expect(unused).toMatchObject({ severity: 'warning', file: 'mlperf-audit.config.yaml', line: 10, unit: { kind: 'root', path: '' } });
    expect(unused?.message).toMatch(/^Waiver 1 \(perf\/min-duration at closed\/Acme\/results\/sys\/resnet50\/Server\) matched no finding: remove it/);
  });

  it('does not apply an expired waiver, from its expiry day on, and reports it', () => {
    const finds = [finding('perf/min-duration', `${RESULT}/x.txt`, RESULT)];
    const expiredToday = applyWaivers(finds, settings([waiver({ rule: 'perf/min-duration', unit: RESULT, expires: '2026-06-01' })]));
    expect(expiredToday.find((diagnostic) => diagnostic.ruleId === 'perf/min-duration')?.suppression).toBeUndefined();
    expect(expiredToday.map((diagnostic) => diagnostic.ruleId)).toEqual(['perf/min-duration', 'config/expired-waiver']);
    expect(expiredToday.find((diagnostic) => diagnostic.ruleId === 'config/expired-waiver')?.message).toContain('expired on 2026-06-01 and no longer applies');
    const current = applyWaivers(finds, settings([waiver({ rule: 'perf/min-duration', unit: RESULT, expires: '2026-06-02' })]));
    expect(current).toHaveLength(1);
    expect(current[0]?.suppression).toBeDefined();
  });

  it('does not call a waiver unused when its submitter was left out of the audit', () => {
    const elsewhere = waiver({ rule: 'perf/min-duration', unit: 'closed/Other/results/sys' });
    // The argument is the set of submitters the audit skipped.
    expect(applyWaivers([], settings([elsewhere]), new Set(['closed/Other']))).toEqual([]);
    expect(applyWaivers([], settings([elsewhere]), new Set(['closed/Acme']))).toHaveLength(1);
    expect(applyWaivers([], settings([elsewhere]))).toHaveLength(1);
  });

  it('judges a waiver of a submitter the tree does not have in every shard, so that merge keeps its report', () => {
    const nowhere = waiver({ rule: 'perf/min-duration', unit: 'closed/Nobody/results/sys' });
    expect(applyWaivers([], settings([nowhere]), new Set(['closed/Acme', 'closed/Other']))).toHaveLength(1);
  });
});

describe('waiver units', () => {
  it('match the path itself and what lies below it, not a sibling that shares a prefix', () => {
    const matches = pathMatcher('closed/Acme/results/sys');
    expect(matches('closed/Acme/results/sys')).toBe(true);
    expect(matches('closed/Acme/results/sys/resnet50/Offline/accuracy/accuracy.txt')).toBe(true);
    expect(matches('closed/Acme/results/sys2')).toBe(false);
    expect(matches('closed/Acme')).toBe(false);
  });

  it('the root ("" after normalising ".") matches everything', () => {
    expect(pathMatcher('')('closed/Acme/x')).toBe(true);
    expect(pathMatcher('')('')).toBe(true);
  });

  it('globs: * and ? within a segment, ** across segments, tried on every ancestor', () => {
    expect(pathMatcher('closed/*/results/*_whisper')('closed/RedHat/results/8xH200_whisper/whisper/Offline/x.txt')).toBe(true);
    expect(pathMatcher('closed/*/results/*_whisper')('closed/RedHat/results/8xH200_llama/whisper')).toBe(false);
    expect(pathMatcher('closed/Acme/results/sys?')('closed/Acme/results/sys2/a')).toBe(true);
    expect(pathMatcher('**/Offline')('closed/Acme/results/sys/resnet50/Offline/accuracy')).toBe(true);
    expect(pathMatcher('**/Offline')('closed/Acme/results/sys/resnet50/Server')).toBe(false);
    expect(pathMatcher('closed/**/TEST01')('closed/Acme/results/sys/resnet50/Offline/TEST01/verify_accuracy.txt')).toBe(true);
    expect(pathMatcher('closed/Ac.me')('closed/Acxme')).toBe(false);
  });
});

describe('a waived finding in the audit', () => {
  const whisper = realResult('v6.0', 'closed/RedHat/results/8xH200_whisper/whisper/Offline');
  const systemJson = 'closed/RedHat/systems/8xH200_whisper.json';
  const description = JSON.parse(String(whisper.tree[systemJson])) as Record<string, unknown>;
  const broken = withChanges(whisper.tree, { [systemJson]: JSON.stringify({ ...description, cooling: '' }, null, 2) });
  const audit = (waivers: readonly Waiver[]) => auditSubmission({ fs: new MemoryFs(broken), round: 'v6.0', profile: 'recommended', waivers: settings(waivers) });

  it('rejects no result and does not count towards the exit code', async () => {
    const unwaived = await audit([]);
    expect(unwaived.results.map((verdict) => verdict.status)).toEqual(['rejected']);
    expect(unwaived.results[0]?.rejectedBy).toContain('sys/meaningful-fields');
    expect(exitCodeOf(unwaived, undefined)).toBe(1);

    const waived = await audit([waiver({ rule: 'sys/meaningful-fields', unit: systemJson })]);
    const meaningful = waived.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'sys/meaningful-fields');
    expect(meaningful.length).toBeGreaterThan(0);
    expect(meaningful.every((diagnostic) => diagnostic.suppression?.approvedBy === 'Results chair')).toBe(true);
    expect(waived.results.map((verdict) => [verdict.status, verdict.rejectedBy])).toEqual([['accepted', []]]);
    expect(waived.rejections).toEqual([]);
    expect(exitCodeOf(waived, undefined)).toBe(0);
  });
});
