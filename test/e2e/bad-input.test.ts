import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditSubmission } from '../../src/checkers/inference/audit-submission.ts';
import { DiskFs } from '../../src/tree/disk-fs.ts';
import { copyFixture, runCli, snapshotTree, STACK_TRACE } from '../support/cli.ts';

const RESULT = 'closed/RedHat/results/8xH200_whisper/whisper/Offline';
const SYSTEM_JSON = 'closed/RedHat/systems/8xH200_whisper.json';

interface JsonReport {
  diagnostics: { ruleId: string; file: string; line?: number; message: string }[];
  results: { path: string; status: string; rejectedBy: string[] }[];
}

/** Breaks a copy of the demo submission, audits it with the CLI, and checks that the tree was left untouched. */
function auditBroken(breakIt: (root: string) => void, extraArgs: string[] = []): { status: number | null; report: JsonReport; stderr: string } {
  const root = copyFixture('demo-submission');
  breakIt(root);
  const before = snapshotTree(root);
  const run = runCli(['check', root, '--round', 'v6.0', '--format', 'json', ...extraArgs]);
  expect(snapshotTree(root)).toEqual(before);
  expect(run.stdout + run.stderr).not.toMatch(STACK_TRACE);
  return { status: run.status, report: JSON.parse(run.stdout) as JsonReport, stderr: run.stderr };
}

const findings = (report: JsonReport, ruleId: string) => report.diagnostics.filter((diagnostic) => diagnostic.ruleId === ruleId);

describe('bad input gives diagnostics, never a crash, and leaves the tree untouched', () => {
  it('malformed JSON in a system description: a finding at the line, the system rejected, the rest audited', () => {
    const { status, report } = auditBroken((root) => writeFileSync(path.join(root, SYSTEM_JSON), '{\n  "division": "closed",\n  "submitter": RedHat\n}\n'));
    expect(status).toBe(1);
    expect(findings(report, 'sys/json-valid')).toEqual([expect.objectContaining({ file: SYSTEM_JSON, line: 3 })]);
    expect(report.results.find((result) => result.path === RESULT)).toMatchObject({ status: 'rejected', rejectedBy: ['sys/json-valid'] });
  });

  it('a binary file named like a LoadGen log', () => {
    const { report } = auditBroken((root) =>
      writeFileSync(path.join(root, RESULT, 'performance/run_1/mlperf_log_detail.txt'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00])),
    );
    expect(findings(report, 'perf/log-parse')).toEqual([expect.objectContaining({ message: expect.stringContaining('binary') })]);
  });

  it('a broken symbolic link and one that leads out of the tree', () => {
    const { report } = auditBroken((root) => {
      symlinkSync('no-such-file.txt', path.join(root, RESULT, 'broken-link.txt'));
      symlinkSync('/etc/hostname', path.join(root, RESULT, 'outside-link.txt'));
    });
    expect(findings(report, 'struct/broken-symlink').map((finding) => finding.file).sort()).toEqual([`${RESULT}/broken-link.txt`, `${RESULT}/outside-link.txt`]);
  });

  it('a log replaced by a directory of the same name', () => {
    const { report } = auditBroken((root) => {
      const log = path.join(root, RESULT, 'performance/run_1/mlperf_log_detail.txt');
      rmSync(log);
      mkdirSync(log);
      writeFileSync(path.join(log, 'oops.txt'), 'x');
    });
    expect(findings(report, 'struct/perf-run1')).toEqual([expect.objectContaining({ file: `${RESULT}/performance/run_1` })]);
  });

  it('an empty directory tree', () => {
    const { status, report } = auditBroken((root) => {
      rmSync(path.join(root, 'closed'), { recursive: true });
      mkdirSync(path.join(root, 'closed'));
    });
    expect(status).toBe(1);
    expect(report.results).toEqual([]);
    expect(report.diagnostics.length).toBeGreaterThan(0);
  });
});

describe('a file that cannot be read', () => {
  // Permissions do not stop root (CI runs as root), so the read failure is injected below the audit instead.
  class UnreadableFs extends DiskFs {
    override async readFile(relative: string): Promise<Buffer> {
      if (relative.endsWith('.json')) throw Object.assign(new Error(`EACCES: permission denied, open '${relative}'`), { code: 'EACCES' });
      return super.readFile(relative);
    }
  }

  it('becomes a finding on that file, not a crash', async () => {
    const result = await auditSubmission({ fs: new UnreadableFs(copyFixture('demo-submission')), round: 'v6.0', profile: 'recommended' });
    const unreadable = result.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'sys/json-valid');
    expect(unreadable.map((diagnostic) => diagnostic.file)).toContain(SYSTEM_JSON);
    expect(unreadable[0]?.message).toContain('EACCES');
    expect(result.results.every((verdict) => verdict.status === 'rejected')).toBe(true);
  });
});
