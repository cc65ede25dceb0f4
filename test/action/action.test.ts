import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Log } from 'sarif';
import { snapshotTree, STACK_TRACE } from '../support/cli.ts';
import { realResult } from '../support/shared-data.ts';

/** The committed bundle, as a workflow runs it (test/action/bundle.test.ts keeps it in step with the sources). */
const BUNDLE = path.resolve('dist/action/index.js');
const DEMO = 'fixtures/demo-submission';
const DEMO_SYSTEM = 'closed/RedHat/systems/1xEPYC-9655_whisper.json';
const WHISPER = 'closed/RedHat/results/8xH200_whisper/whisper/Offline';

interface ActionRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The step outputs the action wrote to $GITHUB_OUTPUT. */
  readonly outputs: Record<string, string>;
  /** What it appended to $GITHUB_STEP_SUMMARY. */
  readonly summary: string;
}

const temporaryFolder = (prefix: string): string => mkdtempSync(path.join(tmpdir(), `mlperf-audit-${prefix}-`));

/**
 * Runs the bundle the way the runner does: in the workspace, inputs as INPUT_<NAME> variables (hyphens kept), and
 * the files for outputs and the summary created empty beforehand. Nothing else of this process's environment leaks in.
 */
function runAction(inputs: Readonly<Record<string, string>>, options: { cwd?: string; bundle?: string; env?: Record<string, string> } = {}): ActionRun {
  const runnerFiles = temporaryFolder('runner');
  const outputFile = path.join(runnerFiles, 'output');
  const summaryFile = path.join(runnerFiles, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const variables = Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]));
  const result = spawnSync(process.execPath, [options.bundle ?? BUNDLE], {
    cwd: options.cwd ?? process.cwd(),
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, ...options.env, ...variables },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, outputs: parseOutputs(readFileSync(outputFile, 'utf8')), summary: readFileSync(summaryFile, 'utf8') };
}

/** Reads $GITHUB_OUTPUT's `name<<DELIMITER` … `DELIMITER` entries, insisting that nothing else is in the file. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const entry = /([\w-]+)<<(\S+)\n([\s\S]*?)\n?\2\n/y;
  let parsed = 0;
  for (let match = entry.exec(text); match !== null; match = entry.exec(text)) {
    outputs[match[1] as string] = match[3] as string;
    parsed = entry.lastIndex;
  }
  expect(text.slice(parsed), 'unparsed text in $GITHUB_OUTPUT').toBe('');
  return outputs;
}

function readSarif(file: string): Log {
  return JSON.parse(readFileSync(file, 'utf8')) as Log;
}

/** A workspace with the clean real result (whisper Offline of v6.0, every check passing) checked out in submission/. */
function cleanWorkspace(): string {
  const workspace = temporaryFolder('workspace');
  for (const [file, content] of Object.entries(realResult('v6.0', WHISPER).tree)) {
    if (typeof content !== 'string' && !(content instanceof Uint8Array)) throw new Error(`${file}: realResult gave a node that is not a file`);
    mkdirSync(path.dirname(path.join(workspace, 'submission', file)), { recursive: true });
    writeFileSync(path.join(workspace, 'submission', file), content);
  }
  return workspace;
}

describe('the action on the demo submission (planted problems)', () => {
  const sarifFile = path.join(temporaryFolder('sarif'), 'reports', 'audit.sarif');
  let before: string[];
  let run: ActionRun;
  beforeAll(() => {
    before = snapshotTree(DEMO);
    run = runAction({ path: DEMO, 'sarif-file': sarifFile });
  });

  it('annotates the files with findings, at the path from the workspace root', () => {
    expect(run.stdout).toMatch(new RegExp(`^::error file=${DEMO}/${DEMO_SYSTEM},line=\\d+.*::`, 'm'));
    expect(run.stdout).toMatch(new RegExp(`^::warning file=${DEMO}/${DEMO_SYSTEM}.*::`, 'm'));
    expect(run.stdout).toContain('no round input; auditing as v6.0');
  });

  it('appends the job summary', () => {
    expect(run.summary).toMatch(/^## mlperf-audit: 1 accepted, 1 rejected/);
    expect(run.summary).toContain('sys/meaningful-fields');
  });

  it('writes the SARIF file, creating its folder', () => {
    const [sarifRun] = readSarif(sarifFile).runs;
    expect(sarifRun?.results?.length).toBeGreaterThan(0);
    expect(sarifRun?.results?.map((result) => result.ruleId)).toContain('sys/meaningful-fields');
  });

  it('sets the outputs: verdict counts, finding counts and the SARIF path', () => {
    expect(run.outputs).toEqual({ accepted: '1', rejected: '1', errors: expect.stringMatching(/^[1-9]\d*$/), warnings: expect.stringMatching(/^[1-9]\d*$/), 'sarif-file': sarifFile });
  });

  it('fails the step with fail-on: error, saying why on its last line', () => {
    expect(run.status).toBe(1);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(`::error::mlperf-audit: ${run.outputs['errors']} errors (fail-on: error). The job summary lists every finding.`);
    expect(run.stdout + run.stderr).not.toMatch(STACK_TRACE);
  });

  it('writes nothing inside the audited tree', () => {
    expect(snapshotTree(DEMO)).toEqual(before);
  });

  it('passes with fail-on: never, with the same outputs', () => {
    const lenient = runAction({ path: DEMO, 'fail-on': 'never', 'sarif-file': '' });
    expect(lenient.status).toBe(0);
    expect(lenient.stdout).not.toMatch(/^::error::/m);
    expect(lenient.outputs).toEqual({ ...run.outputs, 'sarif-file': '' });
  });

  it("applies a configuration file's severities, waivers and maxWarnings", () => {
    const folder = temporaryFolder('config');
    const config = path.join(folder, 'mlperf-audit.config.yaml');
    writeFileSync(
      config,
      [
        'rules:',
        '  sys/meaningful-fields: "off"',
        'waivers:',
        '  - rule: struct/copied-logs',
        '    unit: closed/RedHat/results',
        "    justification: the CPU system reuses the H200 system's logs on purpose in this demo",
        '    approvedBy: results chair',
        '',
      ].join('\n'),
    );
    const waived = runAction({ path: DEMO, config, 'sarif-file': '' });
    expect(waived.outputs).toMatchObject({ accepted: '2', rejected: '0', errors: '0' });
    expect(waived.status).toBe(0);
    writeFileSync(config, `${readFileSync(config, 'utf8')}maxWarnings: 0\n`);
    const strict = runAction({ path: DEMO, config, 'sarif-file': '' });
    expect(strict.status).toBe(1);
    expect(strict.stdout).toMatch(/^::error::mlperf-audit: \d+ warnings?, more than the configuration's maxWarnings of 0/m);
  });
});

describe('the action on a clean submission', () => {
  it('passes, writes the SARIF to its default path in the workspace and sets the outputs', () => {
    const workspace = cleanWorkspace();
    const run = runAction({ path: 'submission', round: 'v6.0', 'fail-on': 'warning' }, { cwd: workspace });
    expect(run.status).toBe(0);
    expect(run.stdout).not.toMatch(/^::(error|warning)/m);
    expect(run.stdout).toContain('mlperf-audit: round v6.0, profile recommended: 1 accepted, 0 rejected; 0 errors, 0 warnings.');
    const sarifFile = path.join(workspace, 'mlperf-audit.sarif');
    expect(run.outputs).toEqual({ accepted: '1', rejected: '0', errors: '0', warnings: '0', 'sarif-file': sarifFile });
    expect(readSarif(sarifFile).runs[0]?.results?.every((result) => result.level === 'note')).toBe(true);
    expect(run.summary).toMatch(/^## mlperf-audit: 1 accepted, 0 rejected/);
  });
});

describe('the action auditing the whole workspace (path: .)', () => {
  it('writes the SARIF to the runner\'s temporary folder, never inside the audited tree', () => {
    const submission = path.join(cleanWorkspace(), 'submission');
    const runnerTemp = temporaryFolder('runner-temp');
    const before = snapshotTree(submission);
    const run = runAction({ path: '.', round: 'v6.0' }, { cwd: submission, env: { RUNNER_TEMP: runnerTemp } });
    expect(run.status).toBe(0);
    const sarifFile = path.join(runnerTemp, 'mlperf-audit.sarif');
    expect(run.outputs['sarif-file']).toBe(sarifFile);
    expect(run.stdout).toContain(`the SARIF report goes to ${sarifFile}`);
    expect(readSarif(sarifFile).runs[0]?.results?.length).toBeGreaterThan(0);
    expect(snapshotTree(submission)).toEqual(before);
  });
});

describe('the action when it cannot audit: one ::error:: line, a failed step, no outputs', () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    ['a missing path', { path: 'no/such/dir' }, /^::error::mlperf-audit: input path: no\/such\/dir does not exist in the workspace/],
    ['a path that is a file', { path: 'package.json' }, /^::error::mlperf-audit: input path: package\.json is a file/],
    ['an unknown round', { path: DEMO, round: 'v9.9' }, /^::error::mlperf-audit: input round is "v9\.9"; known rounds: v4\.1, v5\.0, v5\.1, v6\.0, v6\.1/],
    ['an unknown profile', { path: DEMO, profile: 'strict' }, /^::error::mlperf-audit: input profile is "strict"; expected one of recommended, official/],
    ['a bad fail-on', { path: DEMO, 'fail-on': 'sometimes' }, /^::error::mlperf-audit: input fail-on is "sometimes"; expected one of error, warning, never/],
    ['a missing configuration file', { path: DEMO, config: 'no-such.config.yaml' }, /^::error::mlperf-audit: input config: configuration file no-such\.config\.yaml does not exist/],
  ];
  it.each(cases)('%s', (_name, inputs, message) => {
    const run = runAction(inputs);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(message);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    expect(run.stdout + run.stderr).not.toMatch(STACK_TRACE);
    expect(run.outputs).toEqual({});
  });
});

describe('the bundle', () => {
  it('runs from a copy of dist/action/ with no node_modules anywhere above it: the native packages are never loaded', () => {
    const copy = path.join(temporaryFolder('bundle'), 'action');
    cpSync(path.dirname(BUNDLE), copy, { recursive: true });
    const run = runAction({ path: path.resolve(DEMO), 'sarif-file': '' }, { bundle: path.join(copy, 'index.js') });
    expect(run.stderr).toBe('');
    expect(run.outputs).toMatchObject({ accepted: '1', rejected: '1' });
    expect(run.status).toBe(1);
  });
});
