import { parseLogTime, parsePythonFloat } from '../../parsers/power/python-values.ts';
import { splParser } from '../../parsers/power/spl.ts';
import { pythonFloat } from '../../util/python-float.ts';
import { pythonRound } from '../../util/python-fixed.ts';
import { checkerPowerTimes, TIME_DELTA_TOLERANCE_MS, type PtdSessions } from './ptd-session.ts';
import type { Load } from './result-metric.ts';

/**
 * The Power WG checker's "Check time difference" (`phases_check`): the client's and server's phase times agree,
 * LoadGen's runs lie inside their phases, the measured run is not much shorter than the ranging run (a warning), and
 * its average power is not more than 5 % below the ranging run's.
 */

export type PhasesMessageId = 'malformed' | 'phaseCount' | 'clockDifference' | 'noLoadgenTimes' | 'outsidePhase' | 'badSample' | 'powerDrop';

export interface PhasesFinding<MessageId extends string> {
  readonly messageId: MessageId;
  readonly file: string;
  readonly data: Readonly<Record<string, string | number>>;
  readonly line?: number;
}

export interface PhasesOutcome {
  /** The first failing assertion, as the checker reports it. */
  readonly failure?: PhasesFinding<PhasesMessageId>;
  /** The measured run is more than 50 % shorter than the ranging run. */
  readonly durationWarning?: PhasesFinding<'shortRun'>;
}

/** The checker raises its warning more than 50 % shorter, in a message that still says "5 percent". */
const SHORTER_RUN_LIMIT = 0.5;
/** The measured run's average power may be at most 5 % below the ranging run's. */
const POWER_DROP_LIMIT_PERCENT = -5;
/** A workaround of the checker for clocks that changed for daylight saving time. */
const DST_SHIFT_SECONDS = 3600;

/**
 * Runs the check. `stopAtWarning`: like the official checker, which raises its warning and so never compares the
 * average powers when the measured run is much shorter; the recommended profile compares them anyway.
 */
export async function evaluatePhases(load: Load, sessions: PtdSessions, stopAtWarning: boolean): Promise<PhasesOutcome> {
  const { paths, clientPath, serverPath } = sessions;
  const phases = {
    client: { ranging: phaseTimes(sessions.client, 'ranging'), testing: phaseTimes(sessions.client, 'testing') },
    server: { ranging: phaseTimes(sessions.server, 'ranging'), testing: phaseTimes(sessions.server, 'testing') },
  };
  for (const mode of ['ranging', 'testing'] as const) {
    const client = phases.client[mode];
    const server = phases.server[mode];
    if (client === undefined) return failed('malformed', clientPath, { reason: `its ${mode} phases are not a list of [time, …] entries` });
    if (server === undefined) return failed('malformed', serverPath, { reason: `its ${mode} phases are not a list of [time, …] entries` });
    if (client.length !== server.length) return failed('phaseCount', serverPath, { mode, client: client.length, server: server.length });
    for (let phase = 0; phase < client.length; phase++) {
      const difference = Math.abs((client[phase] as number) - (server[phase] as number));
      if (difference > TIME_DELTA_TOLERANCE_MS / 1000) {
        return failed('clockDifference', serverPath, { mode, phase: phase + 1, difference: pythonFloat(difference * 1000), limit: TIME_DELTA_TOLERANCE_MS });
      }
    }
  }

  const runs = { ranging: `${paths.ranging}/mlperf_log_detail.txt`, testing: `${paths.run}/mlperf_log_detail.txt` };
  const rangingTimes = await checkerPowerTimes(load, runs.ranging);
  if (!rangingTimes.ok) return failed('noLoadgenTimes', runs.ranging, { mode: 'ranging', reason: rangingTimes.reason });
  const testingTimes = await checkerPowerTimes(load, runs.testing);
  if (!testingTimes.ok) return failed('noLoadgenTimes', runs.testing, { mode: 'testing', reason: testingTimes.reason });
  for (const [mode, times] of [['ranging', rangingTimes], ['testing', testingTimes]] as const) {
    const clientPhases = phases.client[mode] as readonly number[];
    const [start, stop] = [clientPhases[1], clientPhases[2]];
    if (start === undefined || stop === undefined) return failed('malformed', clientPath, { reason: `it has fewer than three ${mode} phases` });
    const inside = (time: number): boolean => (start < time && time < stop) || (start < time - DST_SHIFT_SECONDS && time - DST_SHIFT_SECONDS < stop);
    if (!inside(times.begin)) return failed('outsidePhase', runs[mode], { mode, edge: 'begin' });
    if (!inside(times.end)) return failed('outsidePhase', runs[mode], { mode, edge: 'end' });
  }

  const rangingDuration = rangingTimes.end - rangingTimes.begin;
  const testingDuration = testingTimes.end - testingTimes.begin;
  if (rangingDuration === 0) return failed('malformed', runs.ranging, { reason: 'its power_begin and power_end are equal' });
  const shorter = (rangingDuration - testingDuration) / rangingDuration;
  let durationWarning: PhasesFinding<'shortRun'> | undefined;
  if (shorter > SHORTER_RUN_LIMIT) {
    durationWarning = {
      messageId: 'shortRun',
      file: runs.testing,
      data: { testing: pythonFloat(pythonRound(testingDuration, 2)), ranging: pythonFloat(pythonRound(rangingDuration, 2)), percent: pythonFloat(pythonRound(shorter * 100, 2)) },
    };
    if (stopAtWarning) return { durationWarning };
  }

  const rangingPower = await averagePower(load, `${paths.ranging}/spl.txt`, rangingTimes);
  const testingPower = await averagePower(load, `${paths.run}/spl.txt`, testingTimes);
  // A missing spl.txt is reported by the file rules.
  if (rangingPower === undefined || testingPower === undefined) return { ...(durationWarning && { durationWarning }) };
  if (!rangingPower.ok) return unreadableSample(rangingPower, durationWarning);
  if (!testingPower.ok) return unreadableSample(testingPower, durationWarning);
  const rangingWatts = pythonRound(rangingPower.watts, 5);
  const testingWatts = pythonRound(testingPower.watts, 5);
  if (rangingWatts === 0) return failed('malformed', `${paths.ranging}/spl.txt`, { reason: 'its average power rounds to 0 W' });
  const delta = pythonRound((testingWatts / rangingWatts - 1) * 100, 2);
  if (!(delta > POWER_DROP_LIMIT_PERCENT)) {
    const failure: PhasesFinding<PhasesMessageId> = {
      messageId: 'powerDrop',
      file: `${paths.run}/spl.txt`,
      data: { delta: pythonFloat(delta), ranging: pythonFloat(rangingWatts), testing: pythonFloat(testingWatts) },
    };
    return { failure, ...(durationWarning && { durationWarning }) };
  }
  return { ...(durationWarning && { durationWarning }) };
}

/** The first element of each phase entry (its wall-clock time), or undefined where Python would raise. */
function phaseTimes(session: Readonly<Record<string, unknown>>, mode: string): number[] | undefined {
  const phases = session['phases'];
  const entries = typeof phases === 'object' && phases !== null && !Array.isArray(phases) ? (phases as Record<string, unknown>)[mode] : undefined;
  if (!Array.isArray(entries)) return undefined;
  const times = entries.map((entry: unknown) => (Array.isArray(entry) && typeof entry[0] === 'number' ? entry[0] : undefined));
  return times.every((time) => time !== undefined) ? (times as number[]) : undefined;
}

type AveragePower = { readonly ok: true; readonly watts: number } | { readonly ok: false; readonly file: string; readonly line: number; readonly reason: string };

/**
 * `get_avg_power`: the average of the positive watts of the samples strictly inside LoadGen's window (-1 when there
 * is none). The power factor of each sample in the window is converted too, so a bad one fails the check.
 */
async function averagePower(load: Load, splPath: string, window: { beginUs: number; endUs: number }): Promise<AveragePower | undefined> {
  const spl = await load(splPath, splParser);
  if (!spl.ok) return undefined;
  let sum = 0;
  let count = 0;
  for (const { line, fields } of spl.value.samples) {
    const time = fields[1] === undefined ? undefined : parseLogTime(fields[1]);
    if (time === undefined) return { ok: false, file: splPath, line, reason: `its timestamp ${JSON.stringify(fields[1] ?? '')} cannot be read` };
    if (!(time > window.beginUs && time < window.endUs)) continue;
    const watts = fields[3] === undefined ? undefined : parsePythonFloat(fields[3]);
    const powerFactor = fields[9] === undefined ? undefined : parsePythonFloat(fields[9]);
    if (watts === undefined || powerFactor === undefined) return { ok: false, file: splPath, line, reason: 'its power or power factor is not a number' };
    if (watts > 0) {
      sum += watts;
      count++;
    }
  }
  return { ok: true, watts: count === 0 ? -1 : sum / count };
}

function unreadableSample(power: Extract<AveragePower, { ok: false }>, durationWarning: PhasesFinding<'shortRun'> | undefined): PhasesOutcome {
  const failure: PhasesFinding<PhasesMessageId> = { messageId: 'badSample', file: power.file, line: power.line, data: { line: power.line, reason: power.reason } };
  return { failure, ...(durationWarning && { durationWarning }) };
}

function failed(messageId: PhasesMessageId, file: string, data: Readonly<Record<string, string | number>>): PhasesOutcome {
  return { failure: { messageId, file, data } };
}
