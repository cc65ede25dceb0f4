import { looksBinary, failed, parsed, type Parser } from './parse-result.ts';

/**
 * LoadGen configuration files (`mlperf.conf`, `user.conf`, `audit.config`) read the way LoadGen's
 * `TestSettings::FromConfig` reads them: each line is split into whitespace-separated words, `KEY = VALUE`, where a
 * word that is exactly `#` (outside a value) ends the line and every value must be a whole integer or double.
 */

/** What LoadGen does with a line it cannot use. */
export type ConfLineEffect =
  /** The line has no effect and LoadGen says nothing. */
  | 'ignored'
  /** LoadGen logs an `error_invalid_config` error and applies no setting of the whole file. */
  | 'rejected'
  /** The line takes effect, but not as written. */
  | 'surprising';

export type ConfLineProblemKind =
  /** `key=value` is one word: a key without `=`. */
  | 'no-spaces'
  /** `#comment more words`: `#comment` is read as a key, so the next word must be `=`. */
  | 'comment-without-space'
  /** A key with nothing, or only `=`, after it. */
  | 'incomplete'
  /** The second word is not `=` (e.g. `key= 1`, `key =1`). */
  | 'expected-equals'
  /** A value that is not an integer or a double, including a `# comment` after the value. */
  | 'non-numeric-value'
  /** `key = 1 2`: LoadGen keeps the last value. */
  | 'several-values'
  /** The key is not `<model>.<scenario>.<setting>`. */
  | 'malformed-key'
  /** The scenario part is not one LoadGen looks up (`offline`, `Interactive`). */
  | 'unknown-scenario'
  /** No LoadGen setting has that name. */
  | 'unknown-setting'
  /** LoadGen reads the setting only for other scenarios. */
  | 'wrong-scenario';

const EFFECTS: Readonly<Record<ConfLineProblemKind, ConfLineEffect>> = {
  'no-spaces': 'ignored',
  'comment-without-space': 'rejected',
  incomplete: 'ignored',
  'expected-equals': 'rejected',
  'non-numeric-value': 'rejected',
  'several-values': 'surprising',
  'malformed-key': 'ignored',
  'unknown-scenario': 'ignored',
  'unknown-setting': 'ignored',
  'wrong-scenario': 'ignored',
};

export interface ConfLineProblem {
  readonly kind: ConfLineProblemKind;
  readonly effect: ConfLineEffect;
  /** 1-based, as LoadGen counts lines (`line=N` in its errors). */
  readonly line: number;
  /** The word at fault: the key, the value, or the `key=value` word. */
  readonly word: string;
  readonly key?: string;
}

export interface ConfEntry {
  readonly value: string;
  readonly line: number;
}

/** A key split as LoadGen looks it up: `<model>.<scenario>.<setting>`, the model possibly holding dots. */
export interface ConfKey {
  readonly model: string;
  readonly scenario: string;
  readonly setting: string;
}

export interface LoadgenConf {
  /** The file's text, for checks that read it another way (the v4.1 checker's own naive parse). */
  readonly text: string;
  /** Every key LoadGen stores, with its last value and line, whether or not any lookup will find it (comments aside). */
  readonly entries: ReadonlyMap<string, ConfEntry>;
  readonly problems: readonly ConfLineProblem[];
  /** LoadGen would refuse the file as a whole (some line is `rejected`). */
  readonly rejected: boolean;
}

/** The scenario names LoadGen looks keys up with; Interactive runs are `<model>-interactive` in Server. */
export const CONF_SCENARIOS: readonly string[] = ['SingleStream', 'MultiStream', 'Server', 'Offline', '*'];

/** Settings LoadGen takes only from mlperf.conf (from v5.0 the copy built into LoadGen). */
export const MLPERF_CONF_ONLY_SETTINGS: readonly string[] = [
  'qsl_rng_seed',
  'sample_index_rng_seed',
  'schedule_rng_seed',
  'accuracy_log_probability',
  'test05',
  'test05_qsl_rng_seed',
  'test05_sample_index_rng_seed',
  'test05_schedule_rng_seed',
];

const SETTINGS = new Set([
  ...MLPERF_CONF_ONLY_SETTINGS,
  'mode',
  'min_duration',
  'max_duration',
  'min_query_count',
  'max_query_count',
  'accuracy_log_rng_seed',
  'accuracy_log_sampling_target',
  'print_timestamps',
  'performance_issue_unique',
  'performance_issue_same',
  'performance_issue_same_index',
  'performance_sample_count_override',
  'accuracy_sample_count_override',
  'target_latency_percentile',
  'target_latency',
  'target_qps',
  'samples_per_query',
  'max_async_queries',
  'coalesce_queries',
  'use_token_latencies',
  'ttft_latency',
  'tpot_latency',
  'infer_token_latencies',
  'token_latency_scaling_factor',
  'sample_concatenate_permutation',
  // In the official mlperf.conf, though no LoadGen version reads it.
  'target_duration',
  // audit.config keys read by the compliance verification scripts.
  'test07_accuracy_threshold',
  'test09_min_output_tokens',
  'test09_max_output_tokens',
]);

/** Settings LoadGen looks up under one scenario only, whatever the key says. */
const SCENARIO_SETTINGS: Readonly<Record<string, string>> = {
  coalesce_queries: 'Server',
  ttft_latency: 'Server',
  tpot_latency: 'Server',
  samples_per_query: 'MultiStream',
};

/** `strtoul(s, &end, 0)` or `strtod(s, &end)` consuming the whole word. */
const INTEGER = /^[+-]?(?:0[xX][0-9a-fA-F]+|[0-9]+)$/;
const DOUBLE = /^[+-]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)(?:[pP][+-]?[0-9]+)?|inf(?:inity)?|nan(?:\([0-9a-zA-Z_]*\))?)$/i;

export function isLoadgenNumber(word: string): boolean {
  return INTEGER.test(word) || DOUBLE.test(word);
}

export const loadgenConfParser: Parser<LoadgenConf> = {
  id: 'loadgen-conf',
  async parse(source) {
    const buffer = await source.readBuffer();
    if (looksBinary(buffer)) return failed('malformed', 'is a binary file, not a LoadGen configuration');
    return parsed(parseLoadgenConf(buffer.toString('utf8')));
  },
};

export function parseLoadgenConf(text: string): LoadgenConf {
  const entries = new Map<string, ConfEntry>();
  const problems: ConfLineProblem[] = [];
  const problem = (kind: ConfLineProblemKind, line: number, word: string, key?: string): void => {
    problems.push({ kind, effect: EFFECTS[kind], line, word, ...(key !== undefined && { key }) });
  };
  // std::getline splits on '\n'; a '\r' left at the end is whitespace to the word splitter.
  text.split('\n').forEach((content, index) => {
    const line = index + 1;
    const words = content.split(/[ \t\n\v\f\r]+/).filter((word) => word !== '');
    // A `#` word ends the line where a key or the `=` is expected; where a value is expected it is a (bad) value.
    const [key, equals, ...values] = words[1] === '#' ? words.slice(0, 1) : words;
    if (key === undefined || key === '#') return;
    const isComment = key.startsWith('#');
    if (equals === undefined) {
      // A lone `#word` is a comment to its author and to LoadGen alike.
      if (!isComment) problem(key.includes('=') ? 'no-spaces' : 'incomplete', line, key, key);
      return;
    }
    if (equals !== '=') {
      problem(isComment ? 'comment-without-space' : 'expected-equals', line, equals, key);
      return;
    }
    if (values.length === 0) {
      if (!isComment) problem('incomplete', line, key, key);
      return;
    }
    const invalid = values.find((value) => !isLoadgenNumber(value));
    // LoadGen stores each value up to the first bad one, then gives up on the line.
    const stored = invalid === undefined ? values : values.slice(0, values.indexOf(invalid));
    const last = stored.at(-1);
    // LoadGen stores a `#word` key too, but no lookup ever finds it: it is a comment.
    if (last !== undefined && !isComment) entries.set(key, { value: last, line });
    if (invalid !== undefined) problem('non-numeric-value', line, invalid, key);
    else if (values.length > 1) problem('several-values', line, last ?? '', key);
    if (!isComment) checkKey(key, line, problem);
  });
  return { text, entries, problems, rejected: problems.some((entry) => entry.effect === 'rejected') };
}

function checkKey(key: string, line: number, problem: (kind: ConfLineProblemKind, line: number, word: string, key?: string) => void): void {
  const parts = splitConfKey(key);
  if (parts === undefined) {
    problem('malformed-key', line, key, key);
    return;
  }
  if (!CONF_SCENARIOS.includes(parts.scenario)) problem('unknown-scenario', line, parts.scenario, key);
  else if (!SETTINGS.has(parts.setting)) problem('unknown-setting', line, parts.setting, key);
  else if (parts.scenario !== '*' && (onlyScenarioOf(parts.setting) ?? parts.scenario) !== parts.scenario) problem('wrong-scenario', line, parts.setting, key);
}

/** The only scenario LoadGen reads a setting for, if it reads it for one only. */
export function onlyScenarioOf(setting: string): string | undefined {
  return SCENARIO_SETTINGS[setting];
}

/** `<model>.<scenario>.<setting>`; the model part may itself contain dots (`wan-2.2-t2v-a14b`). */
export function splitConfKey(key: string): ConfKey | undefined {
  const settingDot = key.lastIndexOf('.');
  const scenarioDot = key.lastIndexOf('.', settingDot - 1);
  if (settingDot <= 0 || scenarioDot <= 0) return undefined;
  const parts = { model: key.slice(0, scenarioDot), scenario: key.slice(scenarioDot + 1, settingDot), setting: key.slice(settingDot + 1) };
  return parts.scenario === '' || parts.setting === '' ? undefined : parts;
}

/**
 * The value LoadGen uses for a setting: `model.scenario.k`, then `*.scenario.k`, `model.*.k`, `*.*.k`; none at all
 * from a file LoadGen rejects.
 */
export function lookupConfSetting(conf: LoadgenConf, model: string, scenario: string, setting: string): ConfEntry | undefined {
  if (conf.rejected) return undefined;
  for (const key of [`${model}.${scenario}.${setting}`, `*.${scenario}.${setting}`, `${model}.*.${setting}`, `*.*.${setting}`]) {
    const entry = conf.entries.get(key);
    if (entry !== undefined) return entry;
  }
  return undefined;
}
