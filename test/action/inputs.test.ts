import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { load as loadYaml } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { ActionInputError, inputVariable, readActionInputs } from '../../src/action/inputs.ts';
import { failureReason, type AuditCounts } from '../../src/action/outcome.ts';
import { appendOutputs } from '../../src/action/runner-files.ts';

describe('action inputs', () => {
  it('are read from the variables the runner sets: upper case, spaces to underscores, hyphens kept', () => {
    expect(inputVariable('fail-on')).toBe('INPUT_FAIL-ON');
    expect(inputVariable('sarif-file')).toBe('INPUT_SARIF-FILE');
    expect(inputVariable('some input')).toBe('INPUT_SOME_INPUT');
  });

  it("take action.yml's defaults when unset; the profile is left to the configuration file", () => {
    expect(readActionInputs({})).toEqual({ path: '.', failOn: 'error', sarifFile: 'mlperf-audit.sarif' });
  });

  it('are trimmed, and an empty round, profile or config means none', () => {
    expect(readActionInputs({ INPUT_ROUND: '', INPUT_PROFILE: '', INPUT_CONFIG: '' })).toEqual(readActionInputs({}));
    const inputs = readActionInputs({ INPUT_PATH: ' submission ', INPUT_PROFILE: 'official', 'INPUT_FAIL-ON': 'warning', 'INPUT_SARIF-FILE': 'out/audit.sarif' });
    expect(inputs).toEqual({ path: 'submission', profile: 'official', failOn: 'warning', sarifFile: 'out/audit.sarif' });
  });

  it('write no SARIF when sarif-file is set to empty', () => {
    expect(readActionInputs({ 'INPUT_SARIF-FILE': '' }).sarifFile).toBeUndefined();
  });

  it('refuse a value outside the choices, naming them', () => {
    expect(() => readActionInputs({ 'INPUT_FAIL-ON': 'info' })).toThrow(new ActionInputError('input fail-on is "info"; expected one of error, warning, never'));
    expect(() => readActionInputs({ INPUT_PROFILE: 'strict' })).toThrow(/input profile is "strict"; expected one of recommended, official/);
  });
});

describe('step outputs', () => {
  it('are appended in the delimited multi-line form, so a value cannot set another output', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'mlperf-audit-outputs-')), 'output');
    appendOutputs(file, { errors: '3', 'sarif-file': 'a\nerrors=0' });
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^errors<<(ghadelimiter_[\w-]+)\n3\n\1\nsarif-file<<(ghadelimiter_[\w-]+)\na\nerrors=0\n\2\n$/);
  });
});

interface ActionMetadata {
  readonly inputs: Record<string, { readonly default?: string }>;
  readonly outputs: Record<string, unknown>;
  readonly runs: { readonly using: string; readonly main: string };
}

describe('action.yml', () => {
  const metadata = loadYaml(readFileSync('action.yml', 'utf8')) as ActionMetadata;

  it('declares the inputs the entry point reads, with the defaults it applies itself', () => {
    expect(Object.keys(metadata.inputs)).toEqual(['path', 'round', 'profile', 'config', 'fail-on', 'sarif-file']);
    const runnerDefaults = Object.fromEntries(Object.entries(metadata.inputs).map(([name, input]) => [inputVariable(name), input.default ?? '']));
    expect(readActionInputs(runnerDefaults)).toEqual(readActionInputs({}));
  });

  it('declares the outputs the action sets', () => {
    expect(Object.keys(metadata.outputs)).toEqual(['accepted', 'rejected', 'errors', 'warnings', 'sarif-file']);
  });

  it('runs the committed bundle on Node 24', () => {
    expect(metadata.runs).toEqual({ using: 'node24', main: 'dist/action/index.js' });
    expect(existsSync(metadata.runs.main)).toBe(true);
  });
});

describe('whether the step fails', () => {
  const counts = (changes: Partial<AuditCounts>): AuditCounts => ({ accepted: 1, rejected: 0, errors: 0, warnings: 0, crashes: 0, ...changes });

  it('follows fail-on', () => {
    expect(failureReason(counts({ errors: 1 }), 'error', undefined)).toBe('1 error (fail-on: error)');
    expect(failureReason(counts({ warnings: 2 }), 'error', undefined)).toBeUndefined();
    expect(failureReason(counts({ warnings: 2 }), 'warning', undefined)).toBe('2 warnings (fail-on: warning)');
    expect(failureReason(counts({ errors: 3, warnings: 2 }), 'never', 0)).toBeUndefined();
  });

  it("fails on more warnings than the configuration's maxWarnings, as check does", () => {
    expect(failureReason(counts({ warnings: 2 }), 'error', 2)).toBeUndefined();
    expect(failureReason(counts({ warnings: 3 }), 'error', 2)).toBe("3 warnings, more than the configuration's maxWarnings of 2");
  });

  it('fails when a rule crashed, even with fail-on: never: the audit is incomplete', () => {
    expect(failureReason(counts({ errors: 1, crashes: 1 }), 'never', undefined)).toMatch(/^1 rule crashed \(internal\/rule-crashed\), so the audit is incomplete/);
  });
});
