import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, STACK_TRACE } from '../support/cli.ts';

const DEMO = path.resolve('fixtures/demo-submission');
const H200 = 'closed/RedHat/results/8xH200_whisper/whisper/Offline';
const EPYC_SYSTEM = 'closed/RedHat/results/1xEPYC-9655_whisper';
const EPYC = `${EPYC_SYSTEM}/whisper/Offline`;

/** The demo's copied logs, reported on the H200 result's files, waived. */
const COPIED_LOGS_WAIVER = `  - rule: struct/copied-logs
    unit: ${H200}
    justification: The CPU system's folder reuses these logs on purpose (demo)
    approvedBy: Results chair
`;

/** A working folder holding a configuration file (and other files), outside the audited tree. */
function workingFolder(files: Record<string, string>): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'mlperf-audit-cwd-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    writeFileSync(path.join(folder, name), text);
  }
  return folder;
}

const check = (cwd: string, ...options: string[]) => runCli(['check', DEMO, '--round', 'v6.0', ...options], { cwd });

describe('check with mlperf-audit.config.yaml in the working folder', () => {
  it('applies its severities and waivers: the waived copied logs no longer fail the audit', () => {
    const cwd = workingFolder({ 'mlperf-audit.config.yaml': `rules:\n  sys/meaningful-fields: warning\nwaivers:\n${COPIED_LOGS_WAIVER}` });
    // Without the configuration: the copied logs and the CPU system's field are errors.
    const without = check(cwd, '--no-config');
    expect(without.status).toBe(1);
    expect(without.stdout).not.toContain('waived');

    const run = check(cwd);
    expect(run.stderr).toContain('mlperf-audit: using the configuration in mlperf-audit.config.yaml (--no-config to ignore it).');
    expect(run.stdout.match(/\(waived: The CPU system's folder reuses these logs on purpose \(demo\) — Results chair\)  struct\/copied-logs$/gm)).toHaveLength(3);
    expect(run.stdout).toMatch(/^ {2}10:5 +warning +Field "accelerators_per_node"/m);
    expect(run.stdout).toMatch(/✖ \d+ problems \(0 errors, 2 warnings, \d+ infos\), and 3 waived/);
    expect(run.stdout).toContain('Results (round v6.0, profile recommended): 2 accepted, 0 rejected');
    expect(run.status).toBe(0);
    expect(run.stdout + run.stderr).not.toMatch(STACK_TRACE);
  });

  it('a waiver of the finding that rejects a result makes the result accepted', () => {
    const cwd = workingFolder({
      'mlperf-audit.config.yaml': `waivers:\n${COPIED_LOGS_WAIVER}  - rule: sys/meaningful-fields\n    unit: ${EPYC_SYSTEM}\n    justification: CPU-only system, "0" accelerators\n    approvedBy: Results chair\n`,
    });
    const verdicts = check(cwd, '--format', 'verdicts');
    expect(verdicts.stdout.trim().split('\n')).toEqual([`Results ${EPYC} 36395.7`, `Results ${H200} 36395.7`]);
    expect(verdicts.status).toBe(0);
    expect(check(cwd, '--no-config', '--format', 'verdicts').stdout).toContain(`NoResults ${EPYC}`);
  });

  it('maxWarnings counts the warnings that remain, and --max-warnings overrides it', () => {
    const cwd = workingFolder({ 'mlperf-audit.config.yaml': `maxWarnings: 0\nrules:\n  sys/meaningful-fields: off\nwaivers:\n${COPIED_LOGS_WAIVER}` });
    expect(check(cwd).status).toBe(1);
    expect(check(cwd, '--max-warnings', '1').status).toBe(0);
  });

  it('takes the profile from the file unless the command line gives one; --rule overrides the file\'s rules', () => {
    const official = workingFolder({ 'mlperf-audit.config.yaml': 'profile: official\n' });
    expect(check(official).stdout).toContain('profile official');
    expect(check(official, '--profile', 'recommended').stdout).toContain('profile recommended');

    const rules = workingFolder({ 'mlperf-audit.config.yaml': 'rules:\n  sys/unknown-fields: error\n' });
    expect(check(rules).stdout).toMatch(/^ {2}51:5 +error +Field "host_processor_url"/m);
    expect(check(rules, '--rule', 'sys/unknown-fields=info').stdout).toMatch(/^ {2}51:5 +info +Field "host_processor_url"/m);
  });

  it('reports unused and expired waivers at their lines in the file, and keeps the suppression in JSON', () => {
    const cwd = workingFolder({
      'mlperf-audit.config.yaml': `waivers:\n${COPIED_LOGS_WAIVER}  - rule: perf/test-mode\n    unit: closed/RedHat\n    justification: nothing to waive\n    approvedBy: me\n  - rule: sys/meaningful-fields\n    unit: ${EPYC_SYSTEM}\n    justification: was fine until then\n    approvedBy: me\n    expires: 2020-01-01\n`,
    });
    const run = check(cwd, '--format', 'json');
    const report = JSON.parse(run.stdout) as {
      summary: { errors: number; waived: number };
      diagnostics: { ruleId: string; file: string; line?: number; message: string; suppression?: { justification: string; approvedBy: string; source: { file: string; index: number; line?: number } } }[];
    };
    const fromConfig = report.diagnostics.filter((diagnostic) => diagnostic.file === 'mlperf-audit.config.yaml');
    expect(fromConfig.map(({ ruleId, line }) => [ruleId, line])).toEqual([
      ['config/unused-waiver', 6],
      ['config/expired-waiver', 10],
    ]);
    expect(fromConfig[1]?.message).toContain('expired on 2020-01-01');
    const copied = report.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'struct/copied-logs');
    expect(copied.map((diagnostic) => diagnostic.suppression?.source)).toEqual([1, 2, 3].map(() => ({ file: 'mlperf-audit.config.yaml', index: 0, line: 2 })));
    // The expired waiver no longer applies: the CPU system's field is an error again.
    expect(report.diagnostics.find((diagnostic) => diagnostic.ruleId === 'sys/meaningful-fields')?.suppression).toBeUndefined();
    expect(report.summary).toMatchObject({ errors: 1, waived: 3 });
    expect(run.status).toBe(1);
  });
});

describe('--config and --no-config', () => {
  it('--config reads a file named relative to the working folder; --no-config ignores the one found there', () => {
    const cwd = workingFolder({ 'ci/audit.yaml': 'rules:\n  sys/unknown-fields: off\n', 'mlperf-audit.config.yaml': 'rules:\n  sys/unknown-fields: error\n' });
    const named = check(cwd, '--config', 'ci/audit.yaml');
    expect(named.stdout).not.toContain('sys/unknown-fields');
    expect(named.stderr).not.toContain('using the configuration');
    expect(check(cwd, '--no-config').stdout).toMatch(/^ {2}51:5 +warning +Field "host_processor_url"/m);
  });
});

describe('a configuration file with a mistake: one line naming the file and line, exit code 2', () => {
  const cases: [string, string, RegExp][] = [
    ['an unknown rule', 'rules:\n  sys/unknown-fields: off\n  no/such-rule: off\n', /^mlperf-audit: error: mlperf-audit\.config\.yaml:3: unknown rule "no\/such-rule" under rules \(run "mlperf-audit rules" to list the rule ids\)/],
    ['a bad severity', 'rules:\n  sys/unknown-fields: fatal\n', /^mlperf-audit: error: mlperf-audit\.config\.yaml:2: the severity of sys\/unknown-fields is "fatal", not error, warning, info or off/],
    ['YAML that does not parse', 'round: v6.0\nrules:\n  sys/unknown-fields: off\n bad: indent\n', /^mlperf-audit: error: mlperf-audit\.config\.yaml:4 is not valid YAML: /],
    ['a waiver of an unknown rule', 'waivers:\n  - rule: no/such-rule\n    unit: closed\n    justification: x\n    approvedBy: y\n', /^mlperf-audit: error: mlperf-audit\.config\.yaml:2: unknown rule "no\/such-rule" in waivers\[0\]\.rule/],
  ];
  it.each(cases)('%s', (_name, text, message) => {
    const run = check(workingFolder({ 'mlperf-audit.config.yaml': text }));
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(STACK_TRACE);
  });

  it('a --config file that does not exist', () => {
    const run = check(workingFolder({}), '--config', 'missing.yaml');
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe('mlperf-audit: error: configuration file missing.yaml does not exist');
  });
});

describe('the waiver diagnostics have docs', () => {
  it.each(['config/unused-waiver', 'config/expired-waiver'])('explain %s', (id) => {
    const run = runCli(['explain', id]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^${id}\\nseverity: +warning`));
    expect(run.stdout).toContain('How to fix');
  });
});
