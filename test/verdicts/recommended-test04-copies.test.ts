import { describe, expect, it } from 'vitest';
import type { MemoryNode } from '../../src/tree/memory-fs.ts';
import { auditTree } from '../support/audit-tree.ts';
import { realResult, withChanges, without } from '../support/shared-data.ts';
import { withEditedFile, withLogValue } from '../rules/perf/mllog-edits.ts';

// The recommended rules comp/test04-recompute, comp/test01-performance-recompute and struct/copied-logs are not part of
// the official profile: the official verdicts stay those of the official checker, which reads only "TEST PASS" in
// verify_performance.txt and never compares logs across results.

type Tree = Record<string, MemoryNode>;
const DETAIL = 'performance/run_1/mlperf_log_detail.txt';
const withValue = (tree: Tree, path: string, key: string, value: number): Tree => withEditedFile(tree, path, (log) => withLogValue(log, key, String(value)));

async function verdictOf(tree: Tree, round: string, path: string) {
  const official = await auditTree(tree, { round, profile: 'official' });
  const recommended = await auditTree(tree, { round, profile: 'recommended' });
  const find = (results: typeof official.result.results) => results.find((result) => result.path === path);
  return { official: find(official.result.results), recommended: find(recommended.result.results), diagnostics: recommended.result.diagnostics, officialLines: official.lines };
}

const resnetOffline = realResult('v4.1', 'closed/Intel/results/1-node-2S-EMR-PyTorch/resnet50/Offline');
const resnetServer = realResult('v4.1', 'closed/Intel/results/1-node-2S-EMR-PyTorch/resnet50/Server');
const resnet = { ...resnetOffline.tree, ...resnetServer.tree };
const offlineTest04 = 'closed/Intel/compliance/1-node-2S-EMR-PyTorch/resnet50/Offline/TEST04';
const serverTest01 = 'closed/Intel/compliance/1-node-2S-EMR-PyTorch/resnet50/Server/TEST01';
const wan = realResult('v6.0', 'closed/Krai/results/h200_n1-kissv/wan-2.2-t2v-a14b/singlestream');

describe('the real results keep their verdicts', () => {
  it('resnet (v4.1) is accepted by both profiles, with no finding of these rules', async () => {
    const audit = await auditTree(resnet, { round: 'v4.1', profile: 'recommended' });
    expect(audit.result.diagnostics.filter((diagnostic) => /test04-recompute|test01-performance-recompute|copied-logs/.test(diagnostic.ruleId))).toEqual([]);
    expect((await auditTree(resnet, { round: 'v4.1', profile: 'official' })).lines).toEqual([`Results ${resnetOffline.path} 25204.5`, `Results ${resnetServer.path} 22501.8`]);
  });
});

describe('comp/test04-recompute', () => {
  it('a TEST PASS report over logs the official script fails: accepted by the official checker, rejected by the recommended profile', async () => {
    // Monolith: check_compliance_dir finds "TEST PASS" in verify_performance.txt and looks no further.
    const tree = withValue(resnet, `${offlineTest04}/${DETAIL}`, 'result_samples_per_second', 30500);
    const verdict = await verdictOf(tree, 'v4.1', resnetOffline.path);
    expect(verdict.officialLines).toEqual([`Results ${resnetOffline.path} 25204.5`, `Results ${resnetServer.path} 22501.8`]);
    expect(verdict.recommended?.status).toBe('rejected');
    expect(verdict.recommended?.rejectedBy).toContain('comp/test04-recompute');
  });

  it('a long SingleStream latency 15 % faster in TEST04 (v6.0): the official 20 % accepts it, the recommended profile rejects it', async () => {
    // Modular checker: ComplianceCheck.compliance_performance_check finds "TEST PASS", which the script printed because
    // it chose 20 % from 1e9/latency.
    const tree = withValue(wan.tree, `${wan.path}/TEST04/${DETAIL}`, 'early_stopping_latency_ss', Math.round(57401991155 / 1.15));
    const verdict = await verdictOf(tree, 'v6.0', wan.path);
    expect(verdict.official?.status).toBe((await verdictOf(wan.tree, 'v6.0', wan.path)).official?.status);
    expect(verdict.official?.rejectedBy ?? []).not.toContain('comp/test04-recompute');
    expect(verdict.recommended?.rejectedBy).toContain('comp/test04-recompute');
  });
});

describe('comp/test01-performance-recompute', () => {
  it('TEST01 at another Server target latency (v4.1): accepted by the official checker, rejected by the recommended profile', async () => {
    // The v4.1 TEST01 script never matched "target_latency (ns)", so it printed TEST PASS; the monolith reads only that.
    const tree = withValue(resnet, `${serverTest01}/${DETAIL}`, 'effective_target_latency_ns', 10000000);
    const verdict = await verdictOf(tree, 'v4.1', resnetServer.path);
    expect(verdict.officialLines).toEqual([`Results ${resnetOffline.path} 25204.5`, `Results ${resnetServer.path} 22501.8`]);
    expect(verdict.recommended?.rejectedBy).toContain('comp/test01-performance-recompute');
  });

  it('a missing TEST01 report is comp/required-files\' rejection; the recomputation adds the numbers', async () => {
    const tree = without(withValue(resnet, `${serverTest01}/${DETAIL}`, 'result_completed_samples_per_sec', 15000), `${serverTest01}/verify_performance.txt`);
    const verdict = await verdictOf(tree, 'v4.1', resnetServer.path);
    expect(verdict.official?.status).toBe('rejected');
    expect(verdict.recommended?.rejectedBy).toEqual(expect.arrayContaining(['comp/required-files', 'comp/test01-performance-recompute']));
  });
});

describe('struct/copied-logs', () => {
  const amdOffline = realResult('v4.1', 'closed/AMD/results/1xMI300X_2xEPYC-9374F/llama2-70b-99/Offline');
  const amdServer = realResult('v4.1', 'closed/AMD/results/1xMI300X_2xEPYC-9374F/llama2-70b-99/Server');

  it('reports a copied run as an error without rejecting either result (it cannot tell which one was run)', async () => {
    const tree = { ...amdOffline.tree, ...amdServer.tree };
    const verdict = await verdictOf(tree, 'v4.1', amdServer.path);
    const copies = verdict.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'struct/copied-logs');
    expect(copies.map((diagnostic) => [diagnostic.severity, diagnostic.file])).toEqual([['error', `${amdServer.path}/accuracy/mlperf_log_detail.txt`]]);
    expect(verdict.recommended?.rejectedBy).not.toContain('struct/copied-logs');
    expect(verdict.official?.rejectedBy).not.toContain('struct/copied-logs');
  });

  it('changes nothing in the official profile', async () => {
    const copied = withChanges(resnet, { [`${resnetServer.path}/${DETAIL}`]: resnet[`${resnetOffline.path}/${DETAIL}`] });
    const official = await auditTree(copied, { round: 'v4.1', profile: 'official' });
    expect(official.result.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'struct/copied-logs')).toEqual([]);
  });
});
