import { accuracyTxtParser, pythonFloatOf, type AccuracyMatch, type AccuracyTxt } from '../../parsers/accuracy-txt.ts';
import { mllogParser, numberValue } from '../../parsers/mllog.ts';
import type { Parser } from '../../parsers/parse-result.ts';
import { roundInRange } from '../../rounds/load-round.ts';
import type { AccuracyBound, ModelData, RoundData, Scenario } from '../../rounds/types.ts';
import type { Profile } from '../../rules/rule.ts';
import type { ScenarioUnit } from '../../tree/units.ts';
import { isEndpointsRun } from './endpoints.ts';
import { modelOfUnit } from './model-name.ts';
import { correctedBounds, type AppliedBound } from './corrected-constants.ts';
import type { Load } from './result-metric.ts';
import { roundModel } from './scenario-table.ts';
import { accuracyLogPath, canonicalScenario } from './scenarios.ts';

/** MAX_ACCURACY_LOG_SIZE of every official checker: a truncated accuracy log is at most this many bytes. */
export const MAX_ACCURACY_LOG_BYTES = 10240;

export const accuracyTxtPath = (scenarioPath: string): string => `${scenarioPath}/accuracy/accuracy.txt`;
export const accuracyJsonPath = (scenarioPath: string): string => `${scenarioPath}/accuracy/mlperf_log_accuracy.json`;

const txtParsers = new WeakMap<RoundData, Parser<AccuracyTxt>>();

/** The accuracy.txt parser of a round (its patterns), made once per round so that its results are cached. */
export function accuracyTxtParserOf(round: RoundData): Parser<AccuracyTxt> {
  let parser = txtParsers.get(round);
  if (!parser) {
    parser = accuracyTxtParser(round.id, round.accuracyPatterns);
    txtParsers.set(round, parser);
  }
  return parser;
}

/** The accuracy bounds of a model for one scenario folder. */
export interface AccuracyBounds {
  /** `metric >= value`; in the order of the official table (the summary's Accuracy column follows it). */
  readonly targets: readonly AppliedBound[];
  /** `metric <= value`, checked where the metric appears. */
  readonly upperLimits: readonly AppliedBound[];
}

/** The bounds of a model; per-scenario targets (qwen3-vl, v6.1) replace the model's default targets. */
export function accuracyBounds(modelData: ModelData | undefined, scenarioFolder: string): AccuracyBounds | undefined {
  const accuracy = modelData?.accuracy;
  if (accuracy === undefined) return undefined;
  const scenario = canonicalScenario(scenarioFolder);
  const targets = (scenario && accuracy.targetsByScenario?.[scenario]) || accuracy.targets;
  return { targets, upperLimits: accuracy.upperLimits ?? [] };
}

/** A value of a metric as the official checker records it for the summary. */
export interface AccuracyValue {
  readonly metric: string;
  /** The text accuracy.txt writes (what the summary prints). */
  readonly text: string;
  /** The line it was read from. */
  readonly line: number;
}

/** A line whose value misses a bound. */
export interface BoundMiss {
  readonly bound: AppliedBound;
  readonly text: string;
  readonly value: number;
  readonly line: number;
}

/** What reading accuracy.txt against the bounds finds, the way the official checkers read it. */
export interface AccuracyScan {
  /** Each target metric found, with its last value read, in the order first found (a Python dict's order). */
  readonly values: readonly AccuracyValue[];
  /** Lines whose target metric is below the target. */
  readonly belowTarget: readonly BoundMiss[];
  /** Lines whose metric is above its upper limit. */
  readonly aboveLimit: readonly BoundMiss[];
  /** Target metrics that no line reports (empty when an unreadable value ended the reading). */
  readonly missing: readonly string[];
  /** The first captured text Python's float() rejects: the official checkers fail right there. */
  readonly unreadable?: AccuracyMatch;
}

/**
 * Reads accuracy.txt as `check_accuracy_dir` (monolith) and `accuracy_result_check` (modular) do: line by line, each
 * target's pattern then each upper limit's; a captured value below its target (or above its limit) is a miss, and a
 * value Python's float() rejects stops everything. The official checkers stop reading at the line by which every
 * target has been met and the hash line seen (`stopWhenComplete`): what follows is never checked.
 */
export function scanAccuracy(txt: AccuracyTxt, bounds: AccuracyBounds, options: { readonly stopWhenComplete: boolean }): AccuracyScan {
  const byLine = new Map<number, Map<string, AccuracyMatch>>();
  for (const match of txt.matches) {
    const onLine = byLine.get(match.line) ?? new Map<string, AccuracyMatch>();
    if (!byLine.has(match.line)) byLine.set(match.line, onLine);
    onLine.set(match.metric, match);
  }
  const lines = [...byLine.keys()];
  if (txt.hash && !byLine.has(txt.hash.line)) lines.push(txt.hash.line);
  lines.sort((a, b) => a - b);

  const values = new Map<string, AccuracyValue>();
  const belowTarget: BoundMiss[] = [];
  const aboveLimit: BoundMiss[] = [];
  const met = bounds.targets.map(() => false);
  for (const line of lines) {
    const onLine = byLine.get(line);
    for (const [position, bound] of bounds.targets.entries()) {
      const match = onLine?.get(bound.metric);
      if (match === undefined) continue;
      const value = pythonFloatOf(match.text);
      if (value === undefined) return { values: [...values.values()], belowTarget, aboveLimit, missing: [], unreadable: match };
      if (value >= bound.value) met[position] = true;
      else belowTarget.push({ bound, text: match.text, value, line });
      // Assigning an existing key keeps its place in a Python dict.
      values.set(bound.metric, { metric: bound.metric, text: match.text, line });
    }
    for (const bound of bounds.upperLimits) {
      const match = onLine?.get(bound.metric);
      if (match === undefined) continue;
      const value = pythonFloatOf(match.text);
      if (value === undefined) return { values: [...values.values()], belowTarget, aboveLimit, missing: [], unreadable: match };
      if (value > bound.value) aboveLimit.push({ bound, text: match.text, value, line });
    }
    if (options.stopWhenComplete && txt.hash !== undefined && txt.hash.line <= line && met.every(Boolean)) break;
  }
  const missing = bounds.targets.map((bound) => bound.metric).filter((metric) => !values.has(metric));
  return { values: [...values.values()], belowTarget, aboveLimit, missing };
}

/**
 * Everything the accuracy.txt rules work from; undefined when there is no accuracy.txt (struct/accuracy-txt says so),
 * and for an endpoints result, whose score the official checker reads from accuracy_results.json (acc/endpoints).
 */
export interface AccuracyInput {
  readonly txtPath: string;
  readonly txt: AccuracyTxt;
  readonly model: string;
  readonly modelData: ModelData | undefined;
  /** Undefined when the folder maps to no model of the round (the struct rules report it). */
  readonly bounds: AccuracyBounds | undefined;
  /** Undefined when `bounds` is. */
  readonly scan: AccuracyScan | undefined;
}

export async function loadAccuracyInput(load: Load, round: RoundData, profile: Profile, unit: ScenarioUnit): Promise<AccuracyInput | undefined> {
  if (await isEndpointsRun(load, round, unit.path)) return undefined;
  const txtPath = accuracyTxtPath(unit.path);
  const txt = await load(txtPath, accuracyTxtParserOf(round));
  if (!txt.ok) return undefined;
  const model = await modelOfUnit(load, round, unit);
  const modelData = roundModel(round, model);
  const official = accuracyBounds(modelData, unit.scenario);
  // The recommended profile applies the model's corrected constants (docs/rounds/corrected-constants.md).
  const corrections = modelData?.corrections;
  const bounds = official && {
    targets: correctedBounds(official.targets, corrections?.accuracyTargets, profile),
    upperLimits: correctedBounds(official.upperLimits, corrections?.accuracyUpperLimits, profile),
  };
  // The recommended profile reads the whole file; the official one stops where the official checkers stop.
  const scan = bounds && scanAccuracy(txt.value, bounds, { stopWhenComplete: profile === 'official' });
  return { txtPath, txt: txt.value, model, modelData, bounds, scan };
}

/**
 * The accuracy values of a result as the official checker collects them for the summary CSV's Accuracy column:
 * each target metric of the model (per-scenario targets where the round has them) that accuracy.txt reports, with
 * the text of the last line read that reports it, in the order the metrics were first found; reading stops where
 * the official checker stops (every target met and the hash line seen).
 *
 * The CSV prints them as the round's `summaryCsv.accuracy` says: `all-targets` (v5.0 on) joins every value as
 * `METRIC: text`, two spaces apart (`ROUGE1: 44.5439  ROUGE2: 22.1342`), which is Python's
 * `json.dumps(values)` with `,` replaced by a space and `"`, `{`, `}` removed; `first-target` (v4.1) prints only the
 * text of the model's first target metric (the first entry of `accuracyBounds(...).targets`), `None` when absent.
 * Empty when the result has no accuracy.txt, is an endpoints result, or its folder maps to no model of the round.
 */
export async function accuracyValues(load: Load, round: RoundData, unit: ScenarioUnit, model: string): Promise<readonly AccuracyValue[]> {
  if (await isEndpointsRun(load, round, unit.path)) return [];
  const bounds = accuracyBounds(roundModel(round, model), unit.scenario);
  const txt = await load(accuracyTxtPath(unit.path), accuracyTxtParserOf(round));
  if (!txt.ok || bounds === undefined) return [];
  return scanAccuracy(txt.value, bounds, { stopWhenComplete: true }).values;
}

/**
 * Whether the official checker of the round forgives an accuracy-folder finding of this result. The monolith lets
 * an open result through whatever its accuracy folder shows (v4.1, v5.0), or once accuracy.txt gave any target
 * metric (v5.1, `if not accuracy_is_valid and acc and not is_closed_or_network`; a result without any is rejected
 * by acc/metric-threshold, which owns that case). The modular checker forgives open results only the thresholds and
 * the hash line (`accuracy_result_check` returns True for open): pass `modularToo` for those.
 */
export function officialForgivesOpen(round: RoundData, profile: Profile, unit: ScenarioUnit, options: { readonly modularToo?: boolean } = {}): boolean {
  if (profile !== 'official' || unit.division !== 'open') return false;
  return round.officialChecker.kind === 'monolith' || options.modularToo === true;
}

/** Whether the monolith of the round rejects an open result whose accuracy.txt gives no target metric at all. */
export function monolithRejectsOpenWithoutMetrics(round: RoundData): boolean {
  return round.officialChecker.kind === 'monolith' && roundInRange(round.id, { since: 'v5.1' });
}

/** Targets are printed the way the official warning prints them (`%f`). */
export function formatBound(value: number): string {
  return value.toFixed(6);
}

/** The number of samples the accuracy run must cover: the accuracy set where the round has one, else the data set. */
export function accuracySampleCount(modelData: ModelData | undefined, scenario: Scenario | undefined): number | undefined {
  return (scenario && modelData?.accuracySampleCountByScenario?.[scenario]) || modelData?.accuracySampleCount || modelData?.datasetSize;
}

/** How many samples an accuracy log should hold, and how far its sample indices may go. */
export interface AccuracyLogExpectation {
  /** Distinct samples the accuracy run must log. */
  readonly samples?: number;
  /** Where `samples` comes from, for messages: the round's data, else the accuracy run's own LoadGen log. */
  readonly source: string;
  /** The size of the data set: every `qsl_idx` is below it. */
  readonly datasetSize?: number;
  /** The samples the accuracy run issued by its own LoadGen log (its `seq_id` values stay below it). */
  readonly issued?: number;
}

/**
 * What the accuracy log of a result should cover. The round's data decides where it has the model's counts; a round
 * without them (v4.1) falls back on what the accuracy run's mlperf_log_detail.txt says LoadGen ran
 * (effective_accuracy_sample_count, else qsl_reported_total_count).
 */
export async function accuracyLogExpectation(load: Load, round: RoundData, unit: ScenarioUnit, modelData: ModelData | undefined): Promise<AccuracyLogExpectation> {
  const detail = await load(accuracyLogPath(unit.path), mllogParser);
  const logged = (key: string): number | undefined => (detail.ok ? numberValue(detail.value.get(key)) : undefined);
  const effective = logged('effective_accuracy_sample_count');
  const reportedTotal = logged('qsl_reported_total_count');
  const issued = effective ?? reportedTotal;
  const fromRound = accuracySampleCount(modelData, canonicalScenario(unit.scenario));
  const datasetSize = modelData?.datasetSize ?? reportedTotal;
  const samples = fromRound ?? issued;
  const source = fromRound !== undefined ? `the ${round.id} round data` : effective !== undefined ? 'effective_accuracy_sample_count of the accuracy run' : 'qsl_reported_total_count of the accuracy run';
  return { ...(samples !== undefined && { samples }), source, ...(datasetSize !== undefined && { datasetSize }), ...(issued !== undefined && { issued }) };
}
