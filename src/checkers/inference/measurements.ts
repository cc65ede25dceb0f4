import { jsonObjectParser } from '../../parsers/json-object.ts';
import { loadgenConfParser } from '../../parsers/loadgen-conf.ts';
import type { RoundData } from '../../rounds/types.ts';
import type { SubmissionIndex } from '../../tree/submission-index.ts';
import type { ScenarioUnit } from '../../tree/units.ts';
import type { Load } from './result-metric.ts';
import { accuracyLogPath, performanceLogPath } from './scenarios.ts';

/** From v6.0 the measurements JSON has one fixed name. */
export const MEASUREMENTS_JSON = 'measurements.json';

/** The name submission_rules.adoc §5.6.3/§5.8 give the measurements JSON, which no checker version accepts. */
export const POLICY_MEASUREMENTS_JSON = 'model-info.json';

/**
 * The result's measurements folder exists. Every meas/* rule stays silent without it: struct/measurement-dir reports
 * the missing folder (from v6.0 the folder is the result folder itself).
 */
export function hasMeasurementsFolder(index: SubmissionIndex, unit: ScenarioUnit): boolean {
  return index.isDirectory(unit.measurementsPath);
}

/**
 * The file name of the result's measurements JSON, as the official checkers pick it, or undefined when there is none.
 * Up to v5.1: the first file whose name starts with the system name and ends with `.json` (the checker tests the
 * `_<scenario>.json` and the plain `.json` ending file by file, so neither is preferred; it takes files in directory
 * listing order, which we make the name order). From v6.0: `measurements.json`, exactly.
 */
export function measurementsJsonName(round: RoundData, index: SubmissionIndex, unit: ScenarioUnit): string | undefined {
  const names = index.fileNames(unit.measurementsPath);
  if (round.layout === 'unified') return names.includes(MEASUREMENTS_JSON) ? MEASUREMENTS_JSON : undefined;
  return names.find((name) => name.startsWith(unit.system) && name.endsWith('.json'));
}

/** `weight_data_types` of the result's measurements JSON, as parsed; undefined when there is no such file or field. */
export async function measurementsWeightDataTypes(load: Load, index: SubmissionIndex, round: RoundData, unit: ScenarioUnit): Promise<unknown> {
  const name = measurementsJsonName(round, index, unit);
  if (name === undefined) return undefined;
  const measurements = await load(`${unit.measurementsPath}/${name}`, jsonObjectParser);
  return measurements.ok ? measurements.value.json['weight_data_types'] : undefined;
}

/**
 * A v6.1 endpoints ("LoadGen++") result: in a round that accepts them, neither the performance run nor the accuracy
 * run has a LoadGen detail log. The modular checker then takes its settings from config.yaml and does not require
 * user.conf.
 */
export function isEndpointsResult(round: RoundData, index: SubmissionIndex, unit: Pick<ScenarioUnit, 'path'>): boolean {
  return round.endpoints !== undefined && !index.isFile(performanceLogPath(unit.path)) && !index.isFile(accuracyLogPath(unit.path));
}

/**
 * Where the monolith looks for the power measurement files of a power result: the measurements folder and its three
 * parents (up to v5.1: benchmark, system and `measurements/`), nearest first.
 */
export function powerMeasurementFolders(unit: ScenarioUnit): string[] {
  const folders = [unit.measurementsPath];
  for (let level = 0; level < 3; level++) {
    const current = folders[folders.length - 1] as string;
    folders.push(current.slice(0, Math.max(current.lastIndexOf('/'), 0)));
  }
  return folders;
}

/** The result has power measurements (the official checkers test that `performance/power` exists). */
export function hasPowerMeasurements(index: SubmissionIndex, unit: ScenarioUnit): boolean {
  return index.exists(`${unit.path}/performance/power`);
}

export type ConfEqualIssue =
  /** `enabled`: the deciding line sets `sample_concatenate_permutation` to 1; `at` is undefined when no line decides. */
  | { readonly crashed: false; readonly enabled: boolean; readonly at?: { readonly file: string; readonly line: number } }
  /** The v4.1 monolith raises on this line (ValueError in an unpacking split) and the whole run stops. */
  | { readonly crashed: true; readonly file: string; readonly line: number; readonly text: string };

const EQUAL_ISSUE_SETTING = 'sample_concatenate_permutation';

/**
 * Equal-issue mode as the v4.1 monolith reads it from the measurements folder's `mlperf.conf`, then `user.conf`
 * (M41 `check_measurement_dir`), for perf/equal-issue: the result passes when this or the performance log's
 * `effective_sample_concatenate_permutation` says so. Call it only for results whose model requires equal issue in
 * closed and network: the monolith reads the files only then.
 *
 * Its parser is not LoadGen's: each line loses its spaces (tabs stay), lines starting with `#` and empty lines are
 * skipped, and every other line must split into exactly `key=value` and the key into exactly `model.scenario.setting`,
 * or Python raises and the run crashes. The model must be the benchmark folder name without `-99.9`/`-99`, or `*`; the
 * scenario the folder name as written, or `*`. In each file the first such line with a numeric value decides (value 1
 * enables), and a deciding line in user.conf overrides mlperf.conf.
 */
export async function equalIssueFromConf(load: Load, unit: ScenarioUnit): Promise<ConfEqualIssue> {
  const confModel = unit.benchmark.replaceAll('-99.9', '').replaceAll('-99', '');
  let decision: ConfEqualIssue = { crashed: false, enabled: false };
  for (const name of ['mlperf.conf', 'user.conf']) {
    const file = `${unit.measurementsPath}/${name}`;
    const conf = await load(file, loadgenConfParser);
    if (!conf.ok) continue;
    // Python's text mode: universal newlines.
    const lines = conf.value.text.split(/\r\n|\r|\n/);
    for (const [index, raw] of lines.entries()) {
      const line = raw.replaceAll(' ', '');
      if (line === '' || line.startsWith('#')) continue;
      const keyAndValue = line.split('=');
      const keyParts = keyAndValue[0]?.split('.') ?? [];
      if (keyAndValue.length !== 2 || keyParts.length !== 3) return { crashed: true, file, line: index + 1, text: raw };
      const [model, scenario, setting] = keyParts;
      const value = keyAndValue[1] as string;
      const applies = setting === EQUAL_ISSUE_SETTING && (model === confModel || model === '*') && (scenario === unit.scenario || scenario === '*');
      if (applies && /^[0-9]+$/.test(value)) {
        decision = { crashed: false, enabled: Number(value) === 1, at: { file, line: index + 1 } };
        break;
      }
    }
  }
  return decision;
}
