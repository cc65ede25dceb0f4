import { mllogParser } from '../../parsers/mllog.ts';
import { parseLogTime } from '../../parsers/power/python-values.ts';
import { ptdSessionParser } from '../../parsers/power/session.ts';
import type { SubmissionIndex } from '../../tree/submission-index.ts';
import type { ScenarioUnit } from '../../tree/units.ts';
import { isPowerResult, powerPaths, type PowerPaths } from './power.ts';
import type { Load } from './result-metric.ts';

/**
 * Shared ground of the rules that re-implement the Power WG checker (`power_checker.py`, spec §1.7.1), which both
 * official checkers run on the `performance/` folder of each power result.
 */

/** The two session descriptors of a power result. */
export interface PtdSessions {
  readonly paths: PowerPaths;
  readonly clientPath: string;
  readonly serverPath: string;
  readonly client: Readonly<Record<string, unknown>>;
  readonly server: Readonly<Record<string, unknown>>;
}

/**
 * Both descriptors, or undefined for a result without power logs or with a descriptor that is missing, malformed or
 * lacks a required key: the Power WG checker stops before its sub-checks then (pwr/ptd-session, pwr/file-lists say why).
 */
export async function loadPtdSessions(load: Load, index: SubmissionIndex, unit: ScenarioUnit): Promise<PtdSessions | undefined> {
  if (!isPowerResult(index, unit)) return undefined;
  const paths = powerPaths(unit);
  const clientPath = `${paths.power}/client.json`;
  const serverPath = `${paths.power}/server.json`;
  const [client, server] = await Promise.all([load(clientPath, ptdSessionParser), load(serverPath, ptdSessionParser)]);
  if (!client.ok || !server.ok || client.value.missingKeys.length > 0 || server.value.missingKeys.length > 0) return undefined;
  return { paths, clientPath, serverPath, client: client.value.json, server: server.value.json };
}

/** The power analyzers PTD may drive in MLPerf measurements, with their PTD device numbers (SUPPORTED_MODEL). */
export const SUPPORTED_METERS: Readonly<Record<string, number>> = {
  YokogawaWT210: 8,
  YokogawaWT500: 35,
  YokogawaWT500_multichannel: 48,
  YokogawaWT310: 49,
  YokogawaWT310E: 49,
  YokogawaWT330: 52,
  YokogawaWT330E: 52,
  YokogawaWT330_multichannel: 77,
  YokogawaWT210_DC: 508,
  YokogawaWT310_DC: 549,
  YokogawaWT330_DC: 586,
};

/** How far apart the client's and the server's clocks may be, and the margin around LoadGen's window (TIME_DELTA_TOLERANCE). */
export const TIME_DELTA_TOLERANCE_MS = 800;

const CHECKER_TIME = /(\d*-\d*-\d* \d*:\d*:\d*\.\d*)/;

export type CheckerTimes =
  | { readonly ok: true; readonly begin: number; readonly end: number; readonly beginUs: number; readonly endUs: number }
  | { readonly ok: false; readonly reason: string };

/**
 * LoadGen's `power_begin` and `power_end` as the Power WG checker reads them: seconds since the epoch, the log's
 * time read as UTC (`_get_begin_end_time_from_mlperf_log_detail`).
 */
export async function checkerPowerTimes(load: Load, detailLogPath: string): Promise<CheckerTimes> {
  const parsed = await load(detailLogPath, mllogParser);
  if (!parsed.ok) return { ok: false, reason: `${detailLogPath} ${parsed.problems[0]?.message ?? 'cannot be read'}` };
  const microseconds: number[] = [];
  for (const key of ['power_begin', 'power_end']) {
    const value = parsed.value.get(key)?.value;
    if (value === undefined) return { ok: false, reason: `${detailLogPath} has no ${key} time` };
    const text = CHECKER_TIME.exec(typeof value === 'string' ? value : JSON.stringify(value))?.[1];
    const us = text === undefined ? undefined : parseLogTime(text);
    if (us === undefined) return { ok: false, reason: `the ${key} time of ${detailLogPath} (${JSON.stringify(value)}) cannot be read` };
    microseconds.push(us);
  }
  const [beginUs, endUs] = microseconds as [number, number];
  return { ok: true, begin: beginUs / 1e6, end: endUs / 1e6, beginUs, endUs };
}

/** Python `==` on JSON values: same structure, same keys, equal leaves. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, position) => jsonEqual(item, b[position]));
  const aKeys = Object.keys(a);
  const bRecord = b as Record<string, unknown>;
  return aKeys.length === Object.keys(b).length && aKeys.every((key) => Object.hasOwn(bRecord, key) && jsonEqual((a as Record<string, unknown>)[key], bRecord[key]));
}

/** A JSON object's field when the value is an object, otherwise undefined (where Python would raise). */
export function objectField(value: unknown, key: string): Readonly<Record<string, unknown>> | undefined {
  const field = isRecord(value) ? value[key] : undefined;
  return isRecord(field) ? field : undefined;
}

export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
