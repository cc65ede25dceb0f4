import { readFileSync } from 'node:fs';
import { assetUrl } from '../../assets.ts';
import { mllogParser, numberValue, type MllogLog } from '../../parsers/mllog.ts';
import { parseLogTime, parsePythonFloat } from '../../parsers/power/python-values.ts';
import { splParser, type SplLog } from '../../parsers/power/spl.ts';
import { compareRounds } from '../../rounds/load-round.ts';
import type { RoundData, Scenario } from '../../rounds/types.ts';
import type { SubmissionIndex } from '../../tree/submission-index.ts';
import type { ScenarioUnit } from '../../tree/units.ts';
import { pythonFloat } from '../../util/python-float.ts';
import type { Load } from './result-metric.ts';
import { canonicalScenario } from './scenarios.ts';

/** The folders of a power result, all under `<scenario>/performance/`. */
export interface PowerPaths {
  readonly performance: string;
  /** The measured run (`run_1`), whose power gives the result. */
  readonly run: string;
  /** The ranging run that set the analyzer's ranges before the measured run. */
  readonly ranging: string;
  /** The power client's and server's session files and the PTD log. */
  readonly power: string;
}

export function powerPaths(unit: ScenarioUnit): PowerPaths {
  const performance = `${unit.path}/performance`;
  return { performance, run: `${performance}/run_1`, ranging: `${performance}/ranging`, power: `${performance}/power` };
}

/** A result is a power result when it has `performance/power/` (file or folder), as for both official checkers. */
export function isPowerResult(index: SubmissionIndex, unit: ScenarioUnit): boolean {
  return index.exists(powerPaths(unit).power);
}

export interface SourcesChecksumsEntry {
  readonly id: string;
  readonly source: string;
  /** File of the power client/server sources → SHA-1. */
  readonly files: Readonly<Record<string, string>>;
}

/** What the power checks of a round's official checker accept (src/rounds/data/power-checks.json). */
export interface PowerCheckData {
  /** Where the round's Power WG checker was read from. */
  readonly checker: string;
  readonly ptdVersions: readonly string[];
  /**
   * Which `SR,A` commands (1-based) may restore the initial amps range after the run, and whether each of them must
   * exist (the checker's lookup asserts it finds every one it reads).
   */
  readonly ampsRangeRestore: { readonly commands: readonly number[]; readonly allMustExist: boolean };
  readonly sourcesChecksums: readonly SourcesChecksumsEntry[];
  /** Scenarios (by folder) whose power metric is in watts; SingleStream and MultiStream are in millijoules. */
  readonly wattScenarios: readonly Scenario[];
}

interface PowerChecksFile {
  readonly sourcesChecksums: Readonly<Record<string, { source: string; files: Record<string, string> }>>;
  readonly rounds: Readonly<Record<string, Omit<PowerCheckData, 'sourcesChecksums'> & { sourcesChecksums: string[] }>>;
}

const POWER_CHECKS = JSON.parse(readFileSync(assetUrl('rounds/data/power-checks.json'), 'utf8')) as PowerChecksFile;
const powerCheckCache = new Map<string, PowerCheckData>();

/** The power-check constants of a round; a round the file does not know gets those of the newest round it knows. */
export function powerCheckData(round: RoundData): PowerCheckData {
  const cached = powerCheckCache.get(round.id);
  if (cached) return cached;
  const known = Object.keys(POWER_CHECKS.rounds).sort(compareRounds);
  const id = Object.hasOwn(POWER_CHECKS.rounds, round.id) ? round.id : (known[known.length - 1] as string);
  const entry = POWER_CHECKS.rounds[id] as PowerChecksFile['rounds'][string];
  const data: PowerCheckData = {
    ...entry,
    sourcesChecksums: entry.sourcesChecksums.map((checksumsId) => ({ id: checksumsId, ...(POWER_CHECKS.sourcesChecksums[checksumsId] as { source: string; files: Record<string, string> }) })),
  };
  powerCheckCache.set(round.id, data);
  return data;
}

/** The scenarios whose power inference_rules.adoc reports in watts (the others: energy per query). */
export const RULES_WATT_SCENARIOS: readonly Scenario[] = ['Offline', 'Server', 'Interactive'];

/** The window LoadGen logged around the measured part of the run (`power_begin`, `power_end`), in microseconds. */
export interface PowerWindow {
  readonly beginUs: number;
  readonly endUs: number;
  readonly beginText: string;
  readonly endText: string;
}

export type PowerWindowOutcome = ({ readonly ok: true } & PowerWindow) | { readonly ok: false; readonly reason: string; readonly line?: number };

/** `power_begin` and `power_end` of a detail log, parsed as the official checkers parse them. */
export function powerWindow(log: MllogLog): PowerWindowOutcome {
  const times: { text: string; us: number }[] = [];
  for (const key of ['power_begin', 'power_end']) {
    const event = log.get(key);
    if (event === undefined) return { ok: false, reason: `it has no ${key}` };
    const text = event.value;
    const us = typeof text === 'string' ? parseLogTime(text) : undefined;
    if (typeof text !== 'string' || us === undefined) return { ok: false, reason: `its ${key} (${JSON.stringify(text)}) is not a time of the form MM-DD-YYYY HH:MM:SS.ffffff`, line: event.line };
    times.push({ text, us });
  }
  const [begin, end] = times as [{ text: string; us: number }, { text: string; us: number }];
  return { ok: true, beginUs: begin.us, endUs: end.us, beginText: begin.text, endText: end.text };
}

export interface PowerSample {
  readonly line: number;
  readonly timeUs: number;
  readonly watts: number;
}

export type WindowSamplesOutcome = { readonly ok: true; readonly samples: readonly PowerSample[] } | { readonly ok: false; readonly line: number; readonly reason: string };

/**
 * The samples strictly inside the window with a positive power (watts > 0), read as the official checkers read them:
 * every `Time` line's timestamp is parsed, the watts only of lines inside the window. A line Python cannot convert
 * makes the official check raise.
 */
export function samplesInWindow(spl: SplLog, window: PowerWindow): WindowSamplesOutcome {
  const samples: PowerSample[] = [];
  for (const { line, fields } of spl.samples) {
    const timeText = fields[1];
    const timeUs = timeText === undefined ? undefined : parseLogTime(timeText);
    if (timeUs === undefined) return { ok: false, line, reason: `its timestamp ${JSON.stringify(timeText ?? '')} is not of the form MM-DD-YYYY HH:MM:SS.fff` };
    if (!(timeUs > window.beginUs && timeUs < window.endUs)) continue;
    const wattsText = fields[3];
    const watts = wattsText === undefined ? undefined : parsePythonFloat(wattsText);
    if (watts === undefined) return { ok: false, line, reason: `its power field ${JSON.stringify(wattsText ?? '')} is not a number` };
    if (watts > 0) samples.push({ line, timeUs, watts });
  }
  return { ok: true, samples };
}

export interface PowerMetric {
  readonly value: number;
  /** The value as Python prints it (repr), as in the official summary CSV. */
  readonly text: string;
  readonly unit: 'Watts' | 'millijoules';
  /** Samples per joule: the performance metric per watt, or samples per query × 1000 per millijoule. */
  readonly efficiency: number;
  readonly averageWatts: number;
  readonly sampleCount: number;
}

export interface PowerMetricProblem {
  readonly kind: 'noLog' | 'noWindow' | 'badSample' | 'noSamples' | 'noPerformanceMetric' | 'noQueryCount' | 'unsupportedScenario';
  readonly reason: string;
  readonly line?: number;
}

export type PowerMetricOutcome = { readonly ok: true; readonly power: PowerMetric } | { readonly ok: false; readonly problem: PowerMetricProblem };

/** MultiStream queries hold 8 samples (inference_rules.adoc §4.1). */
const MULTISTREAM_SAMPLES_PER_QUERY = 8;

/**
 * The power metric of a result, computed as the official checkers compute it (monolith `get_power_metric`, modular
 * `get_power_metric_check`): the average of the positive samples of `run_1/spl.txt` strictly inside LoadGen's power
 * window, in watts for Offline/Server (and Interactive where `wattScenarios` has it), otherwise in millijoules per
 * query (× 8 for a MultiStream result inferred from a SingleStream run). Sums are left to right as in Python < 3.12.
 */
export async function computePowerMetric(
  load: Load,
  unit: ScenarioUnit,
  performanceMetric: number | undefined,
  wattScenarios: readonly Scenario[] = RULES_WATT_SCENARIOS,
): Promise<PowerMetricOutcome> {
  const { run } = powerPaths(unit);
  const parsedLog = await load(`${run}/mlperf_log_detail.txt`, mllogParser);
  if (!parsedLog.ok) return problem('noLog', `performance/run_1/mlperf_log_detail.txt ${parsedLog.problems[0]?.message ?? 'cannot be read'}`);
  const log = parsedLog.value;
  const window = powerWindow(log);
  if (!window.ok) return problem('noWindow', window.reason, window.line);
  const spl = await load(`${run}/spl.txt`, splParser);
  if (!spl.ok) return problem('noLog', `performance/run_1/spl.txt ${spl.problems[0]?.message ?? 'cannot be read'}`);
  const inWindow = samplesInWindow(spl.value, window);
  if (!inWindow.ok) return problem('badSample', inWindow.reason, inWindow.line);
  if (inWindow.samples.length === 0) return problem('noSamples', `no sample of spl.txt with a positive power lies between ${window.beginText} and ${window.endText}`);

  let sum = 0;
  for (const sample of inWindow.samples) sum += sample.watts;
  const averageWatts = sum / inWindow.samples.length;
  const sampleCount = inWindow.samples.length;
  const directory = canonicalScenario(unit.scenario);
  if (directory !== undefined && wattScenarios.includes(directory)) {
    if (performanceMetric === undefined) return problem('noPerformanceMetric', 'the result has no performance metric to divide by the power');
    return { ok: true, power: { value: averageWatts, text: pythonFloat(averageWatts), unit: 'Watts', efficiency: performanceMetric / averageWatts, averageWatts, sampleCount } };
  }
  if (directory !== 'SingleStream' && directory !== 'MultiStream') {
    return problem('unsupportedScenario', `the power of a ${unit.scenario} result has no defined metric`);
  }
  const queryEvent = log.get('result_query_count');
  const queries = numberValue(queryEvent);
  const queryCount = queries === undefined ? undefined : Math.trunc(queries);
  if (queryCount === undefined || queryCount === 0) return problem('noQueryCount', 'the performance log has no non-zero result_query_count', queryEvent?.line);
  const durationSeconds = (window.endUs - window.beginUs) / 1e6;
  const samplesPerQuery = directory === 'MultiStream' ? MULTISTREAM_SAMPLES_PER_QUERY : 1;
  const inferredFromSingleStream = directory === 'MultiStream' && log.get('effective_scenario')?.value === 'SingleStream';
  const millijoules = inferredFromSingleStream
    ? (averageWatts * durationSeconds * samplesPerQuery * 1000) / queryCount
    : (averageWatts * durationSeconds * 1000) / queryCount;
  return {
    ok: true,
    power: { value: millijoules, text: pythonFloat(millijoules), unit: 'millijoules', efficiency: (samplesPerQuery * 1000) / millijoules, averageWatts, sampleCount },
  };
}

function problem(kind: PowerMetricProblem['kind'], reason: string, line?: number): PowerMetricOutcome {
  return { ok: false, problem: { kind, reason, ...(line !== undefined && { line }) } };
}
