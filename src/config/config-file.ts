import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { SeveritySetting } from '../checkers/rule-selection.ts';
import { loadHarnessConfig, resolveHarnessPaths, type HarnessConfig } from '../harness/harness-config.ts';
import { knownRounds } from '../rounds/load-round.ts';
import { PROFILES, type Profile } from '../rules/rule.ts';
import { TOOL_NAME } from '../version.ts';
import { CONFIG_SETTINGS, configSchema, REQUIRED_WAIVER_FIELDS, SEVERITY_SETTINGS } from './schema.ts';
import type { Waiver } from './waivers.ts';
import { lineOf, parseYamlDocument, pointerSegment, pointerSegments, type YamlDocument } from './yaml-document.ts';

/** The names `check` looks for in the working folder, in this order. */
export const CONFIG_FILE_NAMES = ['mlperf-audit.config.yaml', 'mlperf-audit.config.yml'] as const;

/** A configuration file, validated, with its paths resolved. */
export interface AuditConfig {
  /** The file as messages and reports name it: relative to the working folder. */
  readonly file: string;
  readonly profile?: Profile;
  readonly round?: string;
  readonly rules?: Readonly<Record<string, SeveritySetting>>;
  readonly harness?: HarnessConfig;
  readonly maxWarnings?: number;
  readonly waivers: readonly Waiver[];
}

export type ConfigResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

/** The file as the schema describes it, before paths are resolved. */
interface ConfigContent {
  readonly profile?: Profile;
  readonly round?: string;
  readonly rules?: Readonly<Record<string, SeveritySetting>>;
  readonly harness?: string | HarnessConfig;
  readonly maxWarnings?: number;
  readonly waivers?: readonly Omit<Waiver, 'index' | 'line'>[];
}

/**
 * The configuration of a `check` run: the file `--config` names (`option` a path), none with `--no-config`
 * (`option` false), otherwise mlperf-audit.config.yaml (or .yml) in the working folder when there is one. It is never
 * looked for in the audited tree. `discovered` says it was found rather than named.
 */
export function resolveConfig(option: string | false | undefined, cwd: string): ConfigResult<{ readonly config: AuditConfig; readonly discovered: boolean } | undefined> {
  if (option === false) return { ok: true, value: undefined };
  if (option !== undefined) {
    const named = loadConfigFile(path.resolve(cwd, option), cwd);
    return named.ok ? { ok: true, value: { config: named.value, discovered: false } } : named;
  }
  const present = CONFIG_FILE_NAMES.filter((name) => existsSync(path.join(cwd, name)));
  if (present.length > 1) return { ok: false, problem: `both ${present.join(' and ')} are in ${cwd}; keep one, or name the one to use with --config` };
  const [name] = present;
  if (name === undefined) return { ok: true, value: undefined };
  const found = loadConfigFile(path.join(cwd, name), cwd);
  return found.ok ? { ok: true, value: { config: found.value, discovered: true } } : found;
}

/** Reads, parses and validates a configuration file; a problem names the file, the line where known, and the fix. */
export function loadConfigFile(file: string, cwd: string): ConfigResult<AuditConfig> {
  const shown = path.relative(cwd, file).split(path.sep).join('/') || file;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    return { ok: false, problem: code === 'ENOENT' ? `configuration file ${shown} does not exist` : `cannot read configuration file ${shown} (${code ?? String(cause)})` };
  }
  const parsed = parseYamlDocument(text, shown);
  if (!parsed.ok) return { ok: false, problem: `${located(shown, parsed.line)} is not valid YAML: ${parsed.message}` };
  const { document } = parsed;
  // An empty file (or one holding only comments) sets nothing.
  const value = document.value ?? {};
  const validate = configValidator();
  if (!validate(value)) {
    const problems = describeSchemaErrors(validate.errors ?? [], value)
      .map(({ pointer, message }) => ({ line: lineOf(document, pointer), message }))
      .sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
      .map(({ line, message }) => `${located(shown, line)}: ${message}`);
    return { ok: false, problem: `${problems.join('; ')} (the settings: docs/mlperf-audit.config.schema.json)` };
  }
  return finishConfig(value, document, shown, path.dirname(file));
}

/** What the schema cannot say: the fields that depend on each other, waiver paths, and the harness file's own content. */
function finishConfig(content: ConfigContent, document: YamlDocument, shown: string, folder: string): ConfigResult<AuditConfig> {
  const at = (pointer: string) => located(shown, lineOf(document, pointer));
  if (content.profile === 'official' && content.rules !== undefined) {
    return { ok: false, problem: `${at('/rules')}: rules: changes severities in the recommended profile only, and this file sets profile: official (the official checker's checks as it makes them): remove one of the two` };
  }
  const waivers: Waiver[] = [];
  for (const [index, waiver] of (content.waivers ?? []).entries()) {
    const unit = normalizeUnit(waiver.unit);
    if (unit === undefined) {
      return { ok: false, problem: `${at(`/waivers/${index}/unit`)}: unit "${waiver.unit}" must be a path relative to the submission root, e.g. closed/Acme/results/sys/resnet50/Offline ("." for the whole tree)` };
    }
    const line = lineOf(document, `/waivers/${index}`);
    waivers.push({ ...waiver, unit, index, ...(line !== undefined && { line }) });
  }
  let harness: HarnessConfig | undefined;
  if (typeof content.harness === 'string') {
    const loaded = loadHarnessConfig(path.resolve(folder, content.harness));
    if (!loaded.ok) return { ok: false, problem: `${at('/harness')}: harness: ${loaded.problem}` };
    harness = loaded.value;
  } else if (content.harness !== undefined) {
    harness = resolveHarnessPaths(content.harness, folder);
  }
  const { profile, round, rules, maxWarnings } = content;
  return {
    ok: true,
    value: { file: shown, ...(profile && { profile }), ...(round && { round }), ...(rules && { rules }), ...(harness && { harness }), ...(maxWarnings !== undefined && { maxWarnings }), waivers },
  };
}

/** `./closed/Acme/` and `closed\Acme` become `closed/Acme`; `.` is the root (''); absolute paths and `..` are refused. */
function normalizeUnit(unit: string): string | undefined {
  const segments = unit.replace(/\\/g, '/').split('/').filter((segment) => segment !== '' && segment !== '.');
  if (unit.startsWith('/') || /^[A-Za-z]:/.test(unit) || segments.includes('..')) return undefined;
  return segments.join('/');
}

function located(file: string, line: number | undefined): string {
  return line === undefined ? file : `${file}:${line}`;
}

let compiled: ValidateFunction<ConfigContent> | undefined;

function configValidator(): ValidateFunction<ConfigContent> {
  if (compiled === undefined) {
    // verbose: each error carries the value it is about, for the message.
    const ajv = new Ajv({ allErrors: true, verbose: true });
    ajv.addFormat('date', { type: 'string', validate: isCalendarDate });
    compiled = ajv.compile<ConfigContent>(configSchema());
  }
  return compiled;
}

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/**
 * One message per problem, each at the JSON Pointer of the node it is about, saying how to fix it. The `harness`
 * setting is a path or a mapping: only the errors of the form the file uses are kept.
 */
function describeSchemaErrors(errors: readonly ErrorObject[], value: unknown): { pointer: string; message: string }[] {
  const harness = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)['harness'] : undefined;
  const harnessBranch = typeof harness === 'string' ? 0 : 1;
  const relevant = errors.filter((error) => {
    if (error.keyword === 'anyOf') return false;
    const branch = /^#\/properties\/harness\/anyOf\/(\d)/.exec(error.schemaPath)?.[1];
    return branch === undefined || Number(branch) === harnessBranch;
  });
  // One message for all the fields an object lacks.
  const missing = new Map<string, string[]>();
  for (const error of relevant) {
    if (error.keyword === 'required') missing.set(error.instancePath, [...(missing.get(error.instancePath) ?? []), String(error.params['missingProperty'])]);
  }
  const described = relevant.filter((error) => error.keyword !== 'required').map((error) => describeSchemaError(error));
  const lacking = [...missing].map(([pointer, fields]) => {
    const name = pointerName(pointer);
    const hint = pointer.startsWith('/waivers/') ? ` (a waiver needs ${listing(REQUIRED_WAIVER_FIELDS, 'and')})` : '';
    return { pointer, message: `${name} lacks ${listing(fields, 'and')}${hint}` };
  });
  return [...described, ...lacking];
}

/** `waivers[0].rule` for `/waivers/0/rule`. */
function pointerName(pointer: string): string {
  return pointerSegments(pointer).map((segment, index) => (/^\d+$/.test(segment) && index > 0 ? `[${segment}]` : `${index > 0 ? '.' : ''}${segment}`)).join('') || 'the file';
}

/** `a, b or c` */
function listing(items: readonly string[], conjunction: 'and' | 'or'): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}

function describeSchemaError(error: ErrorObject): { pointer: string; message: string } {
  const { instancePath, keyword, params } = error;
  const where = pointerSegments(instancePath);
  const name = pointerName(instancePath);
  const [setting, second, third] = where;
  if (keyword === 'additionalProperties') {
    const extra = String(params['additionalProperty']);
    const pointer = `${instancePath}/${pointerSegment(extra)}`;
    if (where.length === 0) return { pointer, message: `unknown setting "${extra}" (the settings are ${listing(CONFIG_SETTINGS, 'and')})` };
    if (setting === 'rules') return { pointer, message: `unknown rule "${extra}" under rules (run "${TOOL_NAME} rules" to list the rule ids)` };
    if (setting === 'waivers') return { pointer, message: `unknown field "${extra}" in ${name} (a waiver has ${listing(REQUIRED_WAIVER_FIELDS, 'and')}, and optionally expires)` };
    return { pointer, message: `unknown field "${extra}" in ${name} (docs/harness.md lists the harness settings)` };
  }
  const given = JSON.stringify(error.data);
  if (keyword === 'enum') {
    if (setting === 'profile') return { pointer: instancePath, message: `unknown profile ${given} (the profiles are ${listing(PROFILES, 'and')})` };
    if (setting === 'round') return { pointer: instancePath, message: `unknown round ${given} (known rounds: ${knownRounds().join(', ')})` };
    if (setting === 'rules') return { pointer: instancePath, message: `the severity of ${second} is ${given}, not ${listing(SEVERITY_SETTINGS, 'or')}` };
    if (setting === 'waivers' && third === 'rule') return { pointer: instancePath, message: `unknown rule ${given} in ${name} (run "${TOOL_NAME} rules" to list the rule ids)` };
  }
  if (keyword === 'type' && where.length === 0) return { pointer: instancePath, message: `the file must hold a mapping of settings (${CONFIG_SETTINGS.join(', ')})` };
  if (keyword === 'type' && setting === 'harness' && where.length === 1) return { pointer: instancePath, message: 'harness must be the path of a harness configuration file or its settings (docs/harness.md)' };
  if (keyword === 'format') return { pointer: instancePath, message: `${name} is ${given}, not a date written YYYY-MM-DD` };
  if (keyword === 'pattern' || keyword === 'minLength') return { pointer: instancePath, message: `${name} must not be empty` };
  return { pointer: instancePath, message: `${name} ${error.message ?? 'is invalid'}` };
}

/** The command-line settings a configuration file can also hold. */
export interface ConfigurableOptions {
  readonly profile: Profile;
  readonly round?: string;
  readonly maxWarnings?: number;
  readonly rule: Readonly<Record<string, SeveritySetting>>;
}

/**
 * The command line's settings over the file's: a profile, round or --max-warnings given on the command line wins,
 * and --rule settings override the file's rules one by one. In the official profile the file's rules do not apply;
 * `notes` says so.
 */
export function overlayConfig<Options extends ConfigurableOptions>(options: Options, config: AuditConfig, profileGiven: boolean): { readonly options: Options; readonly notes: readonly string[] } {
  const profile = profileGiven ? options.profile : (config.profile ?? options.profile);
  const round = options.round ?? config.round;
  const maxWarnings = options.maxWarnings ?? config.maxWarnings;
  const ignoreRules = profile === 'official' && config.rules !== undefined;
  const rule = ignoreRules ? options.rule : { ...config.rules, ...options.rule };
  const notes = ignoreRules ? [`the rules: of ${config.file} set severities in the recommended profile only; --profile official does not apply them`] : [];
  return { options: { ...options, profile, rule, ...(round !== undefined && { round }), ...(maxWarnings !== undefined && { maxWarnings }) }, notes };
}
