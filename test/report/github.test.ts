import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditResult } from '../../src/checkers/inference/audit-submission.ts';
import type { Diagnostic, Severity } from '../../src/report/diagnostic.ts';
import { githubReporter } from '../../src/report/github.ts';
import { finding, snapshotAudit } from '../support/report-audits.ts';

const WAIVER = { kind: 'waiver', justification: 'Known', approvedBy: 'Chair', source: { file: 'mlperf-audit.config.yaml', index: 0 } } as const;

const findings = (count: number, severity: Severity): Diagnostic[] =>
  Array.from({ length: count }, (_, index) => finding({ severity, file: `closed/Org/${severity}-${String(index).padStart(2, '0')}.txt` }));

describe('github annotations', () => {
  let audit: AuditResult;
  const annotate = (overrides: Partial<AuditResult>): string[] => githubReporter({ ...audit, ...overrides }, { color: false }).split('\n').filter((line) => line !== '');
  beforeAll(async () => {
    audit = await snapshotAudit();
  });

  it('matches the snapshot of v5.1 audited with a few rules and two waivers', async () => {
    await expect(githubReporter(audit, { color: false })).toMatchFileSnapshot('__snapshots__/github-v5.1.txt');
  });

  it('annotates the most severe findings first, within the 10 errors, 10 warnings and 10 notices GitHub shows per step', () => {
    const waived = { ...finding(), suppression: WAIVER };
    const lines = annotate({ root: '.', diagnostics: [...findings(15, 'info'), ...findings(25, 'error'), waived, ...findings(12, 'warning')] });
    expect(lines.map((line) => line.slice(0, line.indexOf(' ')))).toEqual([...Array(10).fill('::error'), ...Array(10).fill('::warning'), ...Array(10).fill('::notice')]);
    expect(lines[0]).toContain('file=closed/Org/error-00.txt');
    // One notice is kept for the closing notice, which says what was left out and where to find it.
    expect(lines.at(-1)).toBe(
      '::notice title=mlperf-audit::23 more findings are not annotated, as GitHub shows at most 10 errors, 10 warnings and 10 notices per step: 15 errors, 2 warnings, 6 infos. 1 waived finding is not annotated. The job summary (--format markdown) and the SARIF report (--format sarif) list every finding.',
    );
  });

  it('adds no closing notice when every finding fits', () => {
    const lines = annotate({ diagnostics: [...findings(10, 'error'), ...findings(10, 'info')] });
    expect(lines).toHaveLength(20);
    expect(lines.every((line) => !line.includes('not annotated'))).toBe(true);
  });

  it('does not annotate waived findings, and says how many there are', () => {
    expect(annotate({ diagnostics: [{ ...finding(), suppression: WAIVER }] })).toEqual([
      '::notice title=mlperf-audit::1 waived finding is not annotated. The job summary (--format markdown) and the SARIF report (--format sarif) list every finding.',
    ]);
  });

  it('escapes the message, and in properties also colons and commas', () => {
    const [line] = annotate({ root: '.', diagnostics: [finding({ message: '50% done\r\nnext: a, b', file: 'closed/Org/a:b,c.txt', line: 4, column: 2 })] });
    expect(line).toBe('::error file=closed/Org/a%3Ab%2Cc.txt,line=4,col=2,title=struct/hidden-names::50%25 done%0D%0Anext: a, b');
  });

  it('gives paths relative to the working folder: the audited root before the file, the configuration file as it is', () => {
    const diagnostics = [
      finding({ file: 'closed/Org/x.json', line: 3 }),
      finding({ ruleId: 'config/unused-waiver', severity: 'warning', file: 'mlperf-audit.config.yaml', line: 7, unit: { kind: 'root', path: '' } }),
    ];
    expect(annotate({ root: './submissions//v5.1/', diagnostics })).toEqual([
      '::error file=submissions/v5.1/closed/Org/x.json,line=3,title=struct/hidden-names::A hidden file.',
      '::warning file=mlperf-audit.config.yaml,line=7,title=config/unused-waiver::A hidden file.',
    ]);
    expect(annotate({ root: '.', diagnostics: diagnostics.slice(0, 1) })[0]).toContain('file=closed/Org/x.json,');
  });

  it('places a finding about a folder or a missing file at its anchor, without a line, naming the path in the message', () => {
    const [line] = annotate({ root: 'sub', diagnostics: [finding({ file: 'closed/Org/missing', line: 9, anchor: 'closed/Org/README.md' })] });
    expect(line).toBe('::error file=sub/closed/Org/README.md,title=struct/hidden-names::closed/Org/missing: A hidden file.');
  });
});
