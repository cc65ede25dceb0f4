import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixture, runCli, STACK_TRACE } from '../support/cli.ts';

describe('mlperf-audit check on the demo submission', () => {
  it('reports the planted problems, file by file, and exits 1', () => {
    const run = runCli(['check', 'fixtures/demo-submission']);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('closed/RedHat/systems/1xEPYC-9655_whisper.json');
    expect(run.stdout).toContain('sys/meaningful-fields');
    expect(run.stdout).toContain('sys/unknown-fields');
    expect(run.stdout).toMatch(/Results \(round v6\.0 \(detected\), profile recommended\): 1 accepted, 1 rejected/);
    expect(run.stderr).toContain('no --round given; auditing as v6.0');
    expect(run.stdout + run.stderr).not.toMatch(STACK_TRACE);
  });

  it('writes no colour codes when NO_COLOR is set, even when forced to a terminal format', () => {
    const run = runCli(['check', 'fixtures/demo-submission', '--round', 'v6.0']);
    expect(run.stdout).not.toMatch(/\u001b\[/);
  });

  it('prints the official verdict lines', () => {
    const run = runCli(['check', 'fixtures/demo-submission', '--round', 'v6.0', '--profile', 'official', '--format', 'verdicts']);
    expect(run.stdout.trim().split('\n')).toEqual([
      'NoResults closed/RedHat/results/1xEPYC-9655_whisper/whisper/Offline',
      'Results closed/RedHat/results/8xH200_whisper/whisper/Offline 36395.7',
    ]);
  });

  it('emits a JSON report with its schema version, verdicts and located diagnostics', () => {
    const run = runCli(['check', 'fixtures/demo-submission', '--format', 'json', '--round', 'v6.0']);
    const report = JSON.parse(run.stdout) as {
      schemaVersion: number;
      summary: { accepted: number; rejected: number };
      diagnostics: { ruleId: string; file: string; line?: number }[];
    };
    expect(report.schemaVersion).toBe(1);
    expect(report.summary).toMatchObject({ accepted: 1, rejected: 1 });
    const meaningful = report.diagnostics.find((diagnostic) => diagnostic.ruleId === 'sys/meaningful-fields');
    expect(meaningful).toMatchObject({ file: 'closed/RedHat/systems/1xEPYC-9655_whisper.json' });
    expect(meaningful?.line).toBeGreaterThan(1);
  });

  it('exits 0 when only warnings remain, and 1 when they exceed --max-warnings', () => {
    // The CPU-only system's results are copies of the H200 system's logs: struct/copied-logs errors as well.
    const args = ['check', 'fixtures/demo-submission', '--round', 'v6.0', '--rule', 'sys/meaningful-fields=off', '--rule', 'struct/copied-logs=off'];
    expect(runCli(args).status).toBe(0);
    expect(runCli([...args, '--max-warnings', '0']).status).toBe(1);
  });

  it('writes the report to --output, and refuses to write inside the audited tree', () => {
    const outside = path.join(mkdtempSync(path.join(tmpdir(), 'mlperf-audit-out-')), 'report.json');
    expect(runCli(['check', 'fixtures/demo-submission', '--round', 'v6.0', '--format', 'json', '--output', outside]).stdout).toBe('');
    const tree = copyFixture('demo-submission');
    const inside = runCli(['check', tree, '--round', 'v6.0', '--output', path.join(tree, 'report.txt')]);
    expect(inside.status).toBe(2);
    expect(inside.stderr).toMatch(/^mlperf-audit: error: refusing to write .* inside the audited submission/);
  });
});

describe('usage errors: one clear line, exit code 2', () => {
  const cases: [string, string[], RegExp][] = [
    ['a missing directory', ['check', 'no/such/dir'], /no\/such\/dir does not exist/],
    ['a path that is a file', ['check', 'package.json'], /package\.json is a file; pass the submission's root folder/],
    ['an unknown round', ['check', 'fixtures/demo-submission', '--round', 'v9.9'], /unknown round "v9\.9"; known rounds: v4\.1, v5\.0, v5\.1, v6\.0, v6\.1/],
    ['an unknown option', ['check', 'fixtures/demo-submission', '--colour'], /unknown option '--colour'/],
    ['an unknown profile', ['check', 'fixtures/demo-submission', '--profile', 'strict'], /argument 'strict' is invalid/],
    ['a bad --max-warnings', ['check', 'fixtures/demo-submission', '--max-warnings', 'many'], /expected a whole number/],
    ['an unknown rule in --rule', ['check', 'fixtures/demo-submission', '--rule', 'no/such-rule=off'], /unknown rule "no\/such-rule"/],
    ['an unknown rule to explain', ['explain', 'no/such-rule'], /unknown rule "no\/such-rule"/],
  ];
  it.each(cases)('%s', (_name, args, message) => {
    const run = runCli(args);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout + run.stderr).not.toMatch(STACK_TRACE);
  });

  it('a tree with no performance log and no --round asks for --round', () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'mlperf-audit-empty-'));
    writeFileSync(path.join(empty, 'README.md'), '# nothing here\n');
    const run = runCli(['check', empty]);
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe('mlperf-audit: error: cannot tell which round this submission is for (no LoadGen performance log with a known seed or version); pass --round');
  });
});

describe('mlperf-audit rules and explain', () => {
  it('lists the rules of a round and category', () => {
    const run = runCli(['rules', '--round', 'v6.0', '--category', 'sys']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('sys/required-fields');
    expect(run.stdout).not.toContain('struct/');
  });

  it('marks the rules that run only with a harness configuration', () => {
    const run = runCli(['rules', '--category', 'div']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^div\/weights .*\[--harness\] The weights/m);
    expect(run.stdout).not.toMatch(/^div\/calibration-set .*\[--harness\]/m);
    expect(run.stdout).toMatch(/^10 rules; 6 of them run only with check --harness <config>/m);
  });

  it('shows a rule page headed by its settings', () => {
    const run = runCli(['explain', 'struct/root-extra-files']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^struct\/root-extra-files\nseverity: +error/);
    expect(run.stdout).toContain('How to fix');
  });
});
