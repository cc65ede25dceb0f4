import { describe, expect, it } from 'vitest';
import { toJsonReport } from '../../src/report/json.ts';
import { stylishReporter } from '../../src/report/stylish.ts';
import { verdictsReporter } from '../../src/report/verdicts.ts';
import { auditTree } from '../support/audit-tree.ts';
import { realResult, withChanges } from '../support/shared-data.ts';

const whisper = realResult('v6.0', 'closed/RedHat/results/8xH200_whisper/whisper/Offline');
const systemJson = 'closed/RedHat/systems/8xH200_whisper.json';
const description = JSON.parse(String(whisper.tree[systemJson])) as Record<string, unknown>;
const broken = withChanges(whisper.tree, { [systemJson]: JSON.stringify({ ...description, cooling: '' }, null, 2), 'closed/RedHat/results/.DS_Store': 'x' });

describe('stylish', () => {
  it('groups findings by file with position, severity, message and rule, then sums up and lists what is rejected', async () => {
    const { result } = await auditTree(broken, { round: 'v6.0', profile: 'recommended' });
    const text = stylishReporter(result, { color: false });
    expect(text).toMatch(/^closed\/RedHat\/results\/\.DS_Store\n {2}error {2}.*struct\/hidden-names$/m);
    expect(text).toMatch(/^closed\/RedHat\/systems\/8xH200_whisper\.json\n {2}\d+:\d+ +error +Field "cooling" .* sys\/meaningful-fields$/m);
    expect(text).toMatch(/✖ \d+ problems \(\d+ errors?, \d+ warnings?(, \d+ infos?)?\)/);
    expect(text).toContain('Results (round v6.0, profile recommended): 0 accepted, 1 rejected');
    expect(text).toContain('rejected  closed/RedHat (submitter)  struct/hidden-names');
    expect(text).not.toMatch(/\u001b\[/);
  });

  it('colours only when asked', async () => {
    const { result } = await auditTree(broken, { round: 'v6.0', profile: 'recommended' });
    expect(stylishReporter(result, { color: true })).toMatch(/\u001b\[31merror/);
  });

  it('says so when there is nothing to report', async () => {
    const { result } = await auditTree(whisper.tree, { round: 'v6.0', profile: 'official' });
    expect(stylishReporter(result, { color: false })).toContain('✔ No problems found.');
  });
});

describe('json', () => {
  it('carries the schema version, the counts and every verdict', async () => {
    const { result } = await auditTree(broken, { round: 'v6.0', profile: 'recommended' });
    const report = toJsonReport(result);
    expect(report.schemaVersion).toBe(1);
    expect(report.summary.rejected).toBe(1);
    expect(report.summary.errors).toBe(result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});

describe('verdicts', () => {
  it('the monolith prints the highest rejected unit only; the modular checker one line per result', async () => {
    const monolith = realResult('v5.1', 'closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b/Offline');
    const hidden = withChanges(monolith.tree, { 'closed/RedHat/.gitignore': 'x' });
    expect(verdictsReporter((await auditTree(hidden, { round: 'v5.1' })).result, { color: false })).toBe('NoResults closed/RedHat\n');
    const { result } = await auditTree(withChanges(whisper.tree, { [systemJson]: '{' }), { round: 'v6.0' });
    expect(verdictsReporter(result, { color: false })).toBe(`NoResults ${whisper.path}\n`);
  });
});
