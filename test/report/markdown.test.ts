import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditResult } from '../../src/checkers/inference/audit-submission.ts';
import type { ResultVerdict } from '../../src/checkers/verdicts.ts';
import { markdownReporter, markdownSummary, markdownText, STEP_SUMMARY_BUDGET } from '../../src/report/markdown.ts';
import { auditSharedRound, finding, snapshotAudit } from '../support/report-audits.ts';

/** A rejected result of a made-up submitter, with an error that explains it. */
function rejected(index: number, submitter = 'Org'): { verdict: ResultVerdict; reason: ReturnType<typeof finding> } {
  const path = `closed/${submitter}/results/sys/bench${String(index).padStart(5, '0')}/Offline`;
  const verdict: ResultVerdict = { path, division: 'closed', submitter, system: 'sys', benchmark: `bench${index}`, model: 'resnet', scenario: 'Offline', status: 'rejected', rejectedBy: ['perf/test-mode'] };
  const reason = finding({ ruleId: 'perf/test-mode', message: `Run ${index} ran in the wrong mode. ${'Fix the settings and run it again. '.repeat(12)}`, file: `${path}/performance/run_1/mlperf_log_detail.txt`, unit: { kind: 'scenario', path } });
  return { verdict, reason };
}

describe('markdown job summary', () => {
  let audit: AuditResult;
  beforeAll(async () => {
    audit = await snapshotAudit();
  });

  it('matches the snapshot of v5.1 audited with a few rules and two waivers', async () => {
    await expect(markdownReporter(audit, { color: false })).toMatchFileSnapshot('__snapshots__/markdown-v5.1.md');
  });

  it('gives the rejected results with the first error of a rule that rejects them, found at the result or above it', () => {
    const { verdict, reason } = rejected(1);
    const above = finding({ ruleId: 'sys/required-fields', message: 'The system lacks a field.', file: 'closed/Org/systems/sys.json', unit: { kind: 'system', path: 'closed/Org/results/sys' } });
    const text = markdownSummary({ ...audit, results: [{ ...verdict, rejectedBy: ['sys/required-fields', 'perf/test-mode'] }], diagnostics: [above, reason] });
    expect(text).toContain(`| ${markdownText(verdict.path)} | \`sys/required-fields\`, \`perf/test-mode\` | The system lacks a field. |`);
  });

  it('escapes table separators and Markdown in cells, and keeps each cell on one line', () => {
    expect(markdownText('a|b *c* _d_ `e` [f](g) <h> ~i~ & \\ line\r\nbreak')).toBe('a\\|b \\*c\\* \\_d\\_ \\`e\\` \\[f\\](g) \\<h\\> \\~i\\~ \\& \\\\ line break');
    const { verdict, reason } = rejected(1, 'A|B_c');
    const text = markdownSummary({ ...audit, results: [verdict], diagnostics: [{ ...reason, message: 'Two\nlines | and *stars*' }] });
    expect(text).toContain('| A\\|B\\_c | closed | 0 | 1 |');
    expect(text).toContain('| Two lines \\| and \\*stars\\* |');
  });

  it('cuts its tables to stay within the byte budget and says what it left out', () => {
    const made = Array.from({ length: 400 }, (_, index) => rejected(index));
    const text = markdownSummary({ ...audit, results: made.map(({ verdict }) => verdict), diagnostics: made.map(({ reason }) => reason) }, 30_000);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(30_000);
    const [, left, total] = /_(\d+) of (\d+) rejected results left out to keep this summary under GitHub's 1 MiB limit: the JSON report \(--format json\) has them all\._/.exec(text) ?? [];
    expect(Number(total)).toBe(400);
    expect(Number(left)).toBe(400 - (text.match(/^\| closed\/Org\/results\//gm) ?? []).length);
    expect(Number(left)).toBeGreaterThan(0);
  });

  it('stays under GitHub’s 1 MiB step summary limit whatever the size of the audit', () => {
    const made = Array.from({ length: 6000 }, (_, index) => rejected(index, `Org${index}`));
    const text = markdownSummary({ ...audit, results: made.map(({ verdict }) => verdict), diagnostics: made.map(({ reason }) => reason) });
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(STEP_SUMMARY_BUDGET);
    expect(STEP_SUMMARY_BUDGET).toBeLessThan(1024 * 1024);
    expect(text).toMatch(/rejected results left out/);
  });

  it('summarises a whole real round far below the limit', async () => {
    const text = markdownReporter(await auditSharedRound('v6.0'), { color: false });
    expect(text).toMatch(/^## mlperf-audit: \d+ accepted, \d+ rejected$/m);
    expect(text).not.toMatch(/left out/);
    expect(Buffer.byteLength(text)).toBeLessThan(100_000);
  });
});
