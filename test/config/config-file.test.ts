import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigFile, overlayConfig, resolveConfig, type AuditConfig, type ConfigResult } from '../../src/config/config-file.ts';

/** A fresh working folder holding the given files. */
function workingFolder(files: Record<string, string>): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'mlperf-audit-config-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    writeFileSync(path.join(folder, name), text);
  }
  return folder;
}

function load(text: string, extra: Record<string, string> = {}): ConfigResult<AuditConfig> {
  const folder = workingFolder({ 'mlperf-audit.config.yaml': text, ...extra });
  return loadConfigFile(path.join(folder, 'mlperf-audit.config.yaml'), folder);
}

function loaded(text: string, extra: Record<string, string> = {}): AuditConfig {
  const result = load(text, extra);
  if (!result.ok) throw new Error(result.problem);
  return result.value;
}

function problemOf(text: string): string {
  const result = load(text);
  if (result.ok) throw new Error('expected the configuration to be refused');
  return result.problem;
}

const VALID = `# settings of the CI gate
profile: recommended
round: v6.0
maxWarnings: 3
rules:
  sys/unknown-fields: off
  struct/copied-logs: warning
waivers:
  - rule: struct/copied-logs
    unit: ./closed/RedHat/results/8xH200_whisper/whisper/Offline/
    justification: The same run was logged for both systems during the dry run.
    approvedBy: Results chair
    expires: 2999-12-31
  - rule: sys/meaningful-fields
    unit: closed/*/results/*EPYC*
    justification: CPU-only systems
    approvedBy: J. Doe
`;

describe('a valid configuration file', () => {
  it('gives its settings, and each waiver with its position, line and normalised unit', () => {
    const config = loaded(VALID);
    expect(config).toMatchObject({ file: 'mlperf-audit.config.yaml', profile: 'recommended', round: 'v6.0', maxWarnings: 3, rules: { 'sys/unknown-fields': 'off', 'struct/copied-logs': 'warning' } });
    expect(config.waivers).toEqual([
      {
        rule: 'struct/copied-logs',
        unit: 'closed/RedHat/results/8xH200_whisper/whisper/Offline',
        justification: 'The same run was logged for both systems during the dry run.',
        approvedBy: 'Results chair',
        expires: '2999-12-31',
        index: 0,
        line: 9,
      },
      { rule: 'sys/meaningful-fields', unit: 'closed/*/results/*EPYC*', justification: 'CPU-only systems', approvedBy: 'J. Doe', index: 1, line: 14 },
    ]);
  });

  it('an empty file (or one of comments only) sets nothing', () => {
    expect(loaded('')).toEqual({ file: 'mlperf-audit.config.yaml', waivers: [] });
    expect(loaded('# nothing yet\n')).toEqual({ file: 'mlperf-audit.config.yaml', waivers: [] });
  });

  it('"." waives the whole tree', () => {
    expect(loaded('waivers:\n  - { rule: sys/unknown-fields, unit: ., justification: tolerated, approvedBy: me }\n').waivers[0]?.unit).toBe('');
  });

  it('resolves the paths of an inline harness configuration against the file\'s folder', () => {
    const folder = workingFolder({ 'ci/audit.yaml': 'harness:\n  samples: 50\n  references:\n    resnet50: { model: models/resnet50.onnx, dataset: /data/imagenet }\n' });
    const result = loadConfigFile(path.join(folder, 'ci', 'audit.yaml'), folder);
    const config = result.ok ? result.value : undefined;
    expect(config?.harness?.samples).toBe(50);
    expect(config?.harness?.references['resnet50']).toEqual({ model: path.join(folder, 'ci', 'models', 'resnet50.onnx'), dataset: '/data/imagenet' });
  });

  it('reads a harness configuration file named relative to the file\'s folder', () => {
    const config = loaded('harness: harness/references.yaml\n', { 'harness/references.yaml': 'references:\n  resnet50: { model: resnet50.onnx, dataset: imagenet }\n' });
    expect(config.harness?.references['resnet50']?.model).toMatch(/[\\/]harness[\\/]resnet50\.onnx$/);
  });
});

describe('a configuration file with mistakes: one line per problem, with the file, the line and the fix', () => {
  it('an unknown rule under rules', () => {
    expect(problemOf('round: v6.0\nrules:\n  sys/unknown-fields: off\n  struct/no-such-rule: off\n')).toBe(
      'mlperf-audit.config.yaml:4: unknown rule "struct/no-such-rule" under rules (run "mlperf-audit rules" to list the rule ids) (the settings: docs/mlperf-audit.config.schema.json)',
    );
  });

  it('a severity that is not one', () => {
    expect(problemOf('rules:\n  sys/unknown-fields: fatal\n')).toMatch(/^mlperf-audit\.config\.yaml:2: the severity of sys\/unknown-fields is "fatal", not error, warning, info or off /);
  });

  it('YAML that does not parse, at its line', () => {
    expect(problemOf('round: v6.0\nrules: [sys/unknown-fields,\nwaivers: x\n  y: z\n')).toMatch(/^mlperf-audit\.config\.yaml:\d+ is not valid YAML: \w/);
    expect(problemOf('round: v6.0\nround: v5.1\n')).toBe('mlperf-audit.config.yaml:2 is not valid YAML: duplicated mapping key');
  });

  it('a waiver of an unknown rule, and one that lacks fields, sorted by line', () => {
    const problem = problemOf('waivers:\n  - rule: perf/nope\n    unit: closed/Acme\n    justification: x\n    approvedBy: y\n  - rule: sys/unknown-fields\n');
    expect(problem.split('; ')).toEqual([
      'mlperf-audit.config.yaml:2: unknown rule "perf/nope" in waivers[0].rule (run "mlperf-audit rules" to list the rule ids)',
      'mlperf-audit.config.yaml:6: waivers[1] lacks unit, justification and approvedBy (a waiver needs rule, unit, justification and approvedBy) (the settings: docs/mlperf-audit.config.schema.json)',
    ]);
  });

  it('unknown settings and fields, a blank justification, a date that is not one', () => {
    const problem = problemOf('maxWarning: 3\nwaivers:\n  - rule: sys/unknown-fields\n    unit: closed/Acme\n    justification: "  "\n    approvedBy: me\n    expires: 2026-02-30\n    ticket: 12\n');
    expect(problem).toContain('mlperf-audit.config.yaml:1: unknown setting "maxWarning" (the settings are profile, round, rules, harness, maxWarnings and waivers)');
    expect(problem).toContain('mlperf-audit.config.yaml:5: waivers[0].justification must not be empty');
    expect(problem).toContain('mlperf-audit.config.yaml:7: waivers[0].expires is "2026-02-30", not a date written YYYY-MM-DD');
    expect(problem).toContain('mlperf-audit.config.yaml:8: unknown field "ticket" in waivers[0] (a waiver has rule, unit, justification and approvedBy, and optionally expires)');
  });

  it('an unknown round or profile names the known ones', () => {
    expect(problemOf('round: v9.9\n')).toMatch(/^mlperf-audit\.config\.yaml:1: unknown round "v9\.9" \(known rounds: v4\.1, .*v6\.0/);
    expect(problemOf('profile: strict\n')).toMatch(/^mlperf-audit\.config\.yaml:1: unknown profile "strict" \(the profiles are recommended and official\) /);
  });

  it('a waiver unit outside the submission', () => {
    expect(problemOf('waivers:\n  - rule: sys/unknown-fields\n    unit: ../elsewhere\n    justification: x\n    approvedBy: y\n')).toMatch(
      /^mlperf-audit\.config\.yaml:3: unit "\.\.\/elsewhere" must be a path relative to the submission root/,
    );
  });

  it('rules with profile: official', () => {
    expect(problemOf('profile: official\nrules:\n  sys/unknown-fields: off\n')).toMatch(/^mlperf-audit\.config\.yaml:2: rules: changes severities in the recommended profile only, and this file sets profile: official/);
  });

  it('a harness that is neither a path nor settings, inline settings with a mistake, a harness file that is missing', () => {
    expect(problemOf('harness: 3\n')).toMatch(/^mlperf-audit\.config\.yaml:1: harness must be the path of a harness configuration file or its settings/);
    expect(problemOf('harness:\n  references:\n    resnet50: { model: m.onnx }\n')).toMatch(/^mlperf-audit\.config\.yaml:3: harness\.references\.resnet50 lacks dataset /);
    expect(problemOf('harness: missing.yaml\n')).toMatch(/^mlperf-audit\.config\.yaml:1: harness: .*missing\.yaml does not exist$/);
  });

  it('a list instead of settings', () => {
    expect(problemOf('- profile: official\n')).toMatch(/^mlperf-audit\.config\.yaml:1: the file must hold a mapping of settings/);
  });
});

describe('finding the configuration file', () => {
  it('is mlperf-audit.config.yaml or .yml in the working folder', () => {
    const yaml = resolveConfig(undefined, workingFolder({ 'mlperf-audit.config.yaml': 'round: v6.0\n' }));
    expect(yaml.ok && yaml.value).toMatchObject({ discovered: true, config: { file: 'mlperf-audit.config.yaml', round: 'v6.0' } });
    const yml = resolveConfig(undefined, workingFolder({ 'mlperf-audit.config.yml': 'round: v5.1\n' }));
    expect(yml.ok && yml.value).toMatchObject({ discovered: true, config: { file: 'mlperf-audit.config.yml', round: 'v5.1' } });
  });

  it('none when there is none, or with --no-config', () => {
    expect(resolveConfig(undefined, workingFolder({}))).toEqual({ ok: true, value: undefined });
    expect(resolveConfig(false, workingFolder({ 'mlperf-audit.config.yaml': 'round: v6.0\n' }))).toEqual({ ok: true, value: undefined });
  });

  it('both names at once is a problem', () => {
    const both = resolveConfig(undefined, workingFolder({ 'mlperf-audit.config.yaml': '', 'mlperf-audit.config.yml': '' }));
    expect(both.ok ? '' : both.problem).toMatch(/^both mlperf-audit\.config\.yaml and mlperf-audit\.config\.yml are in .*; keep one, or name the one to use with --config$/);
  });

  it('--config names any file, relative to the working folder; a missing one is a problem', () => {
    const folder = workingFolder({ 'ci/audit.yaml': 'round: v6.0\n' });
    const named = resolveConfig('ci/audit.yaml', folder);
    expect(named.ok && named.value).toMatchObject({ discovered: false, config: { file: 'ci/audit.yaml', round: 'v6.0' } });
    expect(resolveConfig('ci/none.yaml', folder)).toEqual({ ok: false, problem: 'configuration file ci/none.yaml does not exist' });
  });
});

describe('the command line over the file', () => {
  const config: AuditConfig = { file: 'mlperf-audit.config.yaml', profile: 'official', round: 'v5.1', maxWarnings: 4, waivers: [] };
  const cli = { profile: 'recommended' as const, rule: {}, format: 'stylish' };

  it('takes the file\'s settings where the command line gives none', () => {
    expect(overlayConfig(cli, config, false)).toEqual({ options: { ...cli, profile: 'official', round: 'v5.1', maxWarnings: 4, rule: {} }, notes: [] });
  });

  it('keeps what the command line gives', () => {
    expect(overlayConfig({ ...cli, round: 'v6.0', maxWarnings: 0 }, config, true).options).toMatchObject({ profile: 'recommended', round: 'v6.0', maxWarnings: 0 });
  });

  it('merges --rule over the file\'s rules, one rule at a time', () => {
    const withRules: AuditConfig = { file: 'c.yaml', rules: { 'sys/unknown-fields': 'off', 'struct/copied-logs': 'warning' }, waivers: [] };
    expect(overlayConfig({ ...cli, rule: { 'struct/copied-logs': 'info' } }, withRules, false).options.rule).toEqual({ 'sys/unknown-fields': 'off', 'struct/copied-logs': 'info' });
  });

  it('leaves the file\'s rules out of the official profile, and says so', () => {
    const withRules: AuditConfig = { file: 'c.yaml', rules: { 'sys/unknown-fields': 'off' }, waivers: [] };
    const { options, notes } = overlayConfig({ ...cli, profile: 'official' }, withRules, true);
    expect(options.rule).toEqual({});
    expect(notes).toEqual(['the rules: of c.yaml set severities in the recommended profile only; --profile official does not apply them']);
  });
});
