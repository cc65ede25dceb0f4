import { defineScalarTag, intYaml11Tag, load as loadYaml, NOT_RESOLVED, YAML11_SCHEMA } from 'js-yaml';
import { failed, looksBinary, parsed, type Parser } from './parse-result.ts';

/**
 * The files of an endpoints ("LoadGen++", v6.1) result and the LoadGen-style keys the modular checker's
 * `EndpointsParser` makes of them (spec §1.10): `<scenario>/config.yaml` (or `config.yml`), the run's settings;
 * `performance/result_summary.json`, the performance run's report; `accuracy/accuracy_results.json`, the accuracy
 * scores; `audit/audit_<test>.json`, the compliance audits.
 */

/** A parsed endpoints file: the document as Python's `json.load` or `yaml.safe_load` gives it. */
export interface EndpointsDocument {
  readonly data: unknown;
}

/** `result_summary.json`, `accuracy_results.json` and the audit files: any JSON document. */
export const endpointsJsonParser: Parser<EndpointsDocument> = {
  id: 'endpoints-json',
  async parse(source) {
    const buffer = await source.readBuffer();
    if (looksBinary(buffer)) return failed('malformed', 'is a binary file, not JSON');
    try {
      return parsed({ data: JSON.parse(buffer.toString('utf8')) as unknown });
    } catch (cause) {
      return failed('malformed', `is not valid JSON (${(cause as Error).message})`);
    }
  },
};

/** YAML 1.1 integers (PyYAML's), kept exact as bigint beyond 2^53: the random seeds are unsigned 64-bit numbers. */
const exactIntegerTag = defineScalarTag('tag:yaml.org,2002:int', {
  implicit: true,
  implicitFirstChars: intYaml11Tag.implicitFirstChars,
  identify: () => false,
  resolve(source, isExplicit, tagName) {
    const value = intYaml11Tag.resolve(source, isExplicit, tagName);
    if (value === NOT_RESOLVED || Number.isSafeInteger(value)) return value;
    const digits = source.replaceAll('_', '');
    return /^[-+]?(0|[1-9][0-9]*)$/.test(digits) ? BigInt(digits) : value;
  },
});
const CONFIG_SCHEMA = YAML11_SCHEMA.withTags(exactIntegerTag);

/** `config.yaml`: PyYAML's `safe_load` (YAML 1.1); an empty file is an empty mapping, as `or {}` makes it. */
export const endpointsConfigParser: Parser<EndpointsDocument> = {
  id: 'endpoints-config',
  async parse(source) {
    const buffer = await source.readBuffer();
    if (looksBinary(buffer)) return failed('malformed', 'is a binary file, not YAML');
    try {
      const text = buffer.toString('utf8');
      return parsed({ data: text.trim() === '' ? {} : (loadYaml(text, { schema: CONFIG_SCHEMA }) ?? {}) });
    } catch (cause) {
      return failed('malformed', `is not valid YAML (${(cause as Error).message.split('\n')[0] ?? ''})`);
    }
  },
};

/**
 * The endpoints keys the modular checker maps to LoadGen keys (`ENDPOINTS_MAPPINGS`), in its order: the first value
 * found for a LoadGen key wins. Dotted keys walk nested objects (`latency.early_stopping_percentiles.99.0`).
 * Reconstructed from spec §1.10 and the checker's pull requests (#2601, #2603, #2630, #2636): the HEAD table itself
 * was not retrievable, so keys beyond those the spec names follow the endpoints tool's own LoadGen mapping.
 */
const PERCENTILES: readonly (readonly [string, string])[] = [
  ['50.0', '50.00'],
  ['90.0', '90.00'],
  ['95.0', '95.00'],
  ['97.0', '97.00'],
  ['99.0', '99.00'],
  ['99.9', '99.90'],
];
export const ENDPOINTS_MAPPINGS: readonly (readonly [string, string])[] = [
  ['effective_scenario', 'effective_scenario'],
  ['n_samples_issued', 'qsl_reported_total_count'],
  ['duration_ns', 'generated_query_duration'],
  ['min_duration_ms', 'effective_min_duration_ms'],
  ['max_duration_ms', 'effective_max_duration_ms'],
  ['dataloader_random_seed', 'effective_sample_index_rng_seed'],
  ['scheduler_random_seed', 'effective_schedule_rng_seed'],
  ['qps', 'result_completed_samples_per_sec'],
  ['tps', 'result_completed_tokens_per_second'],
  ['latency.min', 'result_min_latency_ns'],
  ['latency.max', 'result_max_latency_ns'],
  ['latency.avg', 'result_mean_latency_ns'],
  ...PERCENTILES.map(([key, name]) => [`latency.early_stopping_percentiles.${key}`, `result_${name}_percentile_latency_ns`] as const),
  ['ttft.avg', 'result_first_token_mean_latency_ns'],
  ...PERCENTILES.map(([key, name]) => [`ttft.early_stopping_percentiles.${key}`, `result_first_token_${name}_percentile_latency_ns`] as const),
  ['tpot.avg', 'result_time_to_output_token_mean'],
  ...PERCENTILES.map(([key, name]) => [`tpot.early_stopping_percentiles.${key}`, `result_time_per_output_token_${name}_percentile_ns`] as const),
  ['output_sequence_lengths.avg', 'mean_output_tokens'],
  ['result.total', 'result_query_count'],
  ['result.failed', 'num_errors'],
];

/** Where a key is also looked for in the JSON files (`ENDPOINTS_JSON_ALT_PATHS`, #2630). */
const JSON_ALTERNATIVE_PATHS: Readonly<Record<string, string>> = {
  'result.total': 'n_samples_completed',
  'result.failed': 'n_samples_failed',
};

/**
 * Where a key is looked for in config.yaml before its own path (`ENDPOINTS_YAML_FIELD_MAP`). The scenario is the
 * config's `type` (PR #2624: "use `type: Online` in config.yaml; the checker reads this as effective_scenario").
 */
const CONFIG_PATHS: Readonly<Record<string, string>> = {
  effective_scenario: 'type',
  min_duration_ms: 'settings.runtime.min_duration_ms',
  max_duration_ms: 'settings.runtime.max_duration_ms',
  dataloader_random_seed: 'settings.runtime.dataloader_random_seed',
  scheduler_random_seed: 'settings.runtime.scheduler_random_seed',
};

/** LoadGen keys copied from another LoadGen key when absent (`ENDPOINTS_INFERRED_FIELDS`). */
const INFERRED_KEYS: readonly (readonly [string, string])[] = [['generated_query_count', 'qsl_reported_total_count']];

/** Which run the keys describe: `performance` reads result_summary.json, `accuracy` accuracy_results.json. */
export type EndpointsLogKind = 'performance' | 'accuracy';

/** The three documents one endpoints log is made of; an absent or unreadable file counts as `{}`, as officially. */
export interface EndpointsSources {
  readonly summary: unknown;
  readonly accuracyResults: unknown;
  readonly config: unknown;
}

/**
 * The LoadGen-style keys of an endpoints run, each with its first value, as `EndpointsParser` synthesizes them:
 * result_summary.json before accuracy_results.json before config.yaml, the run's QPS computed from its sample count
 * and duration when no file gives it, and for the accuracy run the samples of every accuracy dataset summed.
 */
export function synthesizeEndpointsKeys(sources: EndpointsSources, kind: EndpointsLogKind): Map<string, unknown> {
  const summary = kind === 'performance' ? sources.summary : {};
  const results = kind === 'accuracy' ? sources.accuracyResults : {};
  const keys = new Map<string, unknown>();
  const setDefault = (key: string, value: unknown): void => {
    if (!keys.has(key)) keys.set(key, value);
  };
  for (const [endpointsKey, loadgenKey] of ENDPOINTS_MAPPINGS) {
    const value = resolveValue(endpointsKey, summary, results, sources.config);
    if (value !== undefined) setDefault(loadgenKey, value);
  }
  if (kind === 'accuracy') {
    const count = accuracySampleCount(results);
    if (count !== undefined) {
      keys.set('effective_accuracy_sample_count', count);
      setDefault('qsl_reported_total_count', count);
    }
  }
  for (const [inferred, source] of INFERRED_KEYS) {
    if (keys.get(source) !== undefined) setDefault(inferred, keys.get(source));
  }
  const duration = keys.get('generated_query_duration');
  const count = keys.get('generated_query_count');
  const scenario = keys.get('effective_scenario');
  if (pythonTruthy(duration) && pythonTruthy(count) && typeof scenario === 'string' && typeof duration === 'number' && typeof count === 'number') {
    setDefault(scenario.toLowerCase() === 'offline' ? 'result_samples_per_second' : 'result_completed_samples_per_sec', count / (duration / 1e9));
  }
  for (const entry of listOf(objectField(results, 'accuracy_scores'))) {
    const score = isObject(entry) ? entry['score'] : undefined;
    if (score !== undefined && score !== null) setDefault('accuracy_score', score);
  }
  return keys;
}

/** `_resolve_value`: each JSON file by its path then its alternative path, then config.yaml by its mapped path then its own. */
function resolveValue(key: string, summary: unknown, results: unknown, config: unknown): unknown {
  for (const data of [summary, results]) {
    let value = nested(data, key);
    const alternative = JSON_ALTERNATIVE_PATHS[key];
    if (value === undefined && alternative !== undefined) value = nested(data, alternative);
    if (value !== undefined) return value;
  }
  const configPath = CONFIG_PATHS[key];
  const mapped = configPath === undefined ? undefined : nested(config, configPath);
  return mapped !== undefined ? mapped : nested(config, key);
}

/**
 * `_get_nested`: walks a dotted key through nested objects, at each level taking the longest run of parts that names a
 * key (so `99.9` and `99.0` are keys); a trailing `.0` after a value names that value (`50.0` finds key `50`). Null,
 * empty objects and empty lists count as absent.
 */
export function nested(data: unknown, dottedKey: string): unknown {
  if (!isObject(data)) return undefined;
  const parts = dottedKey.split('.');
  let current: unknown = data;
  let position = 0;
  while (position < parts.length) {
    if (!isObject(current)) {
      const rest = parts.slice(position);
      return rest.length === 1 && rest[0] === '0' && !Array.isArray(current) ? absentIfNull(current) : undefined;
    }
    let found = false;
    for (let end = parts.length; end > position; end--) {
      const candidate = parts.slice(position, end).join('.');
      if (Object.hasOwn(current, candidate)) {
        current = current[candidate];
        position = end;
        found = true;
        break;
      }
    }
    if (!found) return undefined;
  }
  if (Array.isArray(current) && current.length === 0) return undefined;
  if (isObject(current) && Object.keys(current).length === 0) return undefined;
  return absentIfNull(current);
}

/** `_endpoint_accuracy_sample_count`: the samples of every accuracy dataset (a dataset of another type is skipped). */
function accuracySampleCount(results: unknown): number | undefined {
  const counts: number[] = [];
  for (const entry of listOf(objectField(results, 'accuracy_scores'))) {
    if (!isObject(entry)) continue;
    const datasetType = entry['dataset_type'];
    if (datasetType !== undefined && datasetType !== null && datasetType !== 'accuracy') continue;
    const issued = objectField(entry['response_counts'], 'issued');
    const count = pythonInt(entry['total_samples'] ?? undefined) ?? pythonInt(issued);
    if (count !== undefined) counts.push(count);
  }
  return counts.length > 0 ? counts.reduce((sum, count) => sum + count, 0) : undefined;
}

function pythonInt(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value)) return Number(value);
  return undefined;
}

/** Python's truth value of a JSON or YAML value. */
export function pythonTruthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (isObject(value)) return Object.keys(value).length > 0;
  if (typeof value === 'bigint') return value !== 0n;
  return Boolean(value);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function objectField(value: unknown, key: string): unknown {
  return isObject(value) ? value[key] : undefined;
}

function listOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

function absentIfNull(value: unknown): unknown {
  return value === null ? undefined : value;
}
