import { auditSubmission, type AuditResult } from '../../src/checkers/inference/audit-submission.ts';
import type { Profile } from '../../src/rules/rule.ts';
import { verdictLines } from '../../src/report/verdicts.ts';
import { MemoryFs } from '../../src/tree/memory-fs.ts';
import type { Tree } from './rule-tester.ts';

/**
 * Audits an in-memory tree with every rule, for tests of verdicts: a real result with one thing broken must get the
 * verdict the official logic gives it.
 */
export async function auditTree(tree: Tree, options: { round: string; profile?: Profile }): Promise<{ result: AuditResult; lines: string[] }> {
  const result = await auditSubmission({ fs: new MemoryFs(tree), round: options.round, profile: options.profile ?? 'official' });
  return { result, lines: verdictLines(result) };
}
