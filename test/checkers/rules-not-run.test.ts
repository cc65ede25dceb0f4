import { describe, expect, it } from 'vitest';
import { auditSubmission } from '../../src/checkers/inference/audit-submission.ts';
import { registry } from '../../src/rules/registry.ts';
import { MemoryFs } from '../../src/tree/memory-fs.ts';
import { realResult } from '../support/shared-data.ts';

// One closed and one open result: harness/rerun and the div rules that need a model apply to both divisions.
const closed = realResult('v4.1', 'closed/UntetherAI/results/h13_u3_slim/resnet50/singlestream');
const open = realResult('v4.1', 'open/Krai/results/7920t-kilt-onnxruntime_cpu/resnet50/singlestream');
const tree = { ...closed.tree, ...open.tree };
const harnessRules = registry.filter((rule) => rule.meta.needsHarness !== undefined).map((rule) => rule.id).sort();

async function notRun(options: { profile?: 'official' | 'recommended'; severities?: Record<string, 'off'> } = {}) {
  const result = await auditSubmission({ fs: new MemoryFs(tree), round: 'v4.1', profile: options.profile ?? 'recommended', ...(options.severities && { severities: options.severities }) });
  return result.diagnostics.filter((diagnostic) => diagnostic.messageId === 'notRun');
}

describe('rules that need a harness configuration', () => {
  it('say once for the tree, without one, that they did not run, what they need, and how many results they would check', async () => {
    const findings = await notRun();
    expect(findings.map((finding) => finding.ruleId).sort()).toEqual(harnessRules);
    expect(harnessRules.length).toBeGreaterThanOrEqual(7);
    for (const finding of findings) {
      const rule = registry.find((candidate) => candidate.id === finding.ruleId)!;
      const applicable = rule.meta.divisions.includes('open') ? 2 : 1;
      expect(finding).toMatchObject({ severity: 'info', file: '', unit: { kind: 'root' }, data: { results: applicable } });
      expect(finding.message).toContain(rule.meta.needsHarness!.evidence);
      expect(finding.message).toContain(`check the ${applicable} results it applies to here`);
    }
  });

  it('stay quiet when switched off or outside the recommended profile', async () => {
    const findings = await notRun({ severities: { 'div/weights': 'off' } });
    expect(findings.map((finding) => finding.ruleId)).not.toContain('div/weights');
    expect(findings).toHaveLength(harnessRules.length - 1);
    expect(await notRun({ profile: 'official' })).toEqual([]);
  });
});
