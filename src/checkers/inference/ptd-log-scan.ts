import { ptdLogParser } from '../../parsers/power/ptd-log.ts';
import { parseLogTime } from '../../parsers/power/python-values.ts';
import { pythonFloat } from '../../util/python-float.ts';
import { pythonRepr, pythonStr } from '../../util/python-str.ts';
import { checkerPowerTimes, TIME_DELTA_TOLERANCE_MS, type PtdSessions } from './ptd-session.ts';
import type { Load } from './result-metric.ts';

/**
 * The Power WG checker's "Check errors and warnings from PTD logs" (`check_ptd_logs`) over `power/ptd_logs.txt`:
 * the ranging run is marked, uncertainty checking was on before it, PTD errors happened only during ranging (where the
 * common ones are expected and the others are warnings) and PTD warnings during the measured run are reported.
 */

export type PtdLogErrorId =
  | 'malformed'
  | 'noLoadgenTimes'
  | 'badTimestamp'
  | 'noRangingMarks'
  | 'noUncertaintyCheck'
  | 'uncertaintyLate'
  | 'untimedProblem'
  | 'errorOutsideRanging'
  | 'uncertaintyAboveLimit';
export type PtdLogWarningId = 'usbError' | 'uncommonRangingError' | 'warningDuringLoad';

export type PtdLogEvent =
  | { readonly severity: 'error'; readonly messageId: PtdLogErrorId; readonly line?: number; readonly data: Readonly<Record<string, string | number>> }
  | { readonly severity: 'warning'; readonly messageId: PtdLogWarningId; readonly line: number; readonly data: Readonly<Record<string, string | number>> };

/** PTD timestamps at the start of a line: `MM-DD-YYYY HH:MM:SS.fff` (any character before the milliseconds). */
const LINE_TIME = /^(\d\d-\d\d-\d\d\d\d \d\d:\d\d:\d\d.\d\d\d)/;
const UNCERTAINTY_ACTIVATED = /Uncertainty checking for Yokogawa\S+ is activated/;
const UNCERTAINTY_ABOVE_LIMIT = /Uncertainty \d+.\d+%, which is above 1.00% limit for the last sample!/;
/** PTD errors expected while the ranging run searches for the ranges (COMMON_ERROR_RANGING). */
const COMMON_RANGING_ERRORS = [
  "Can't evaluate uncertainty of this sample!",
  'Bad watts reading nan from ',
  'Bad amps reading nan from ',
  'Bad pf reading nan from ',
  'Bad volts reading nan from ',
  'Current appears to be too high for set range',
];
/** A PTD error accepted during the measured run (COMMON_ERROR_TESTING). */
const ACCEPTED_TESTING_ERROR = 'USB.';

/**
 * The findings of the check, in file order. `official`: stop at the first one, as the checker does (its asserts and
 * its warning exception both end the check, so what follows a warning is never looked at), and keep its margin around
 * the measured run, which adds TIME_DELTA_TOLERANCE (800, meant as milliseconds) to times in seconds. Otherwise every
 * finding is reported and the margin is 0.8 s.
 */
export async function scanPtdLog(load: Load, sessions: PtdSessions, official: boolean): Promise<readonly PtdLogEvent[]> {
  const events: PtdLogEvent[] = [];
  const emit = (event: PtdLogEvent): boolean => {
    events.push(event);
    return official;
  };
  const logPath = `${sessions.paths.power}/ptd_logs.txt`;
  const loadTimes = await checkerPowerTimes(load, `${sessions.paths.run}/mlperf_log_detail.txt`);
  if (!loadTimes.ok) return [{ severity: 'error', messageId: 'noLoadgenTimes', data: { reason: loadTimes.reason } }];
  const parsed = await load(logPath, ptdLogParser);
  // pwr/file-lists reports a missing PTD log.
  if (!parsed.ok) return [];
  const lines = parsed.value.lines;
  const sessionName = sessions.server['session_name'];
  const timezone = sessions.server['timezone'];
  // The checker converts it with int(): numbers, booleans and integer text pass.
  if (typeof timezone !== 'number' && typeof timezone !== 'boolean' && !(typeof timezone === 'string' && /^\s*[+-]?\d+\s*$/.test(timezone))) {
    return [{ severity: 'error', messageId: 'malformed', data: { reason: `the timezone of server.json (${JSON.stringify(timezone)}) is not a number` } }];
  }
  const rangingMark = pythonRepr(`${pythonStr(sessionName)}_ranging`);
  const rangingStart = `: Go with mark ${rangingMark}`;

  let start: number | undefined;
  let stop: number | undefined;
  for (const [position, line] of lines.entries()) {
    const time = lineTime(line);
    if (time === 'unreadable') return [badTimestamp(position + 1, line)];
    if (time === undefined) continue;
    // The message is what follows the 23-character timestamp; a bare timestamp has none.
    if (line.length <= 23) continue;
    const message = line.slice(23).trim();
    if (start === undefined && message === rangingStart) start = time;
    if (stop === undefined && start !== undefined && message === ': Completed test') {
      stop = time;
      break;
    }
  }
  if (start === undefined || stop === undefined) return [{ severity: 'error', messageId: 'noRangingMarks', data: { mark: rangingMark } }];

  const activation = lines.findIndex((line) => UNCERTAINTY_ACTIVATED.test(line));
  if (activation === -1) return [{ severity: 'error', messageId: 'noUncertaintyCheck', data: {} }];
  const activationTime = lineTime(lines[activation] as string);
  if (activationTime === 'unreadable' || activationTime === undefined || !(activationTime < start)) {
    return [{ severity: 'error', messageId: 'uncertaintyLate', line: activation + 1, data: {} }];
  }

  const margin = official ? TIME_DELTA_TOLERANCE_MS : TIME_DELTA_TOLERANCE_MS / 1000;
  for (const [position, line] of lines.entries()) {
    const lineNumber = position + 1;
    for (const kind of ['WARNING', 'ERROR'] as const) {
      const marker = line.indexOf(`${kind}:`);
      const problem = marker === -1 ? '' : line.slice(marker + kind.length + 1);
      if (problem === '') continue;
      const time = lineTime(line);
      if (time === 'unreadable') return [...events, badTimestamp(lineNumber, line)];
      if (time === undefined) {
        if (emit({ severity: 'error', messageId: 'untimedProblem', line: lineNumber, data: { line: lineNumber, text: line.trim() } })) return events;
        continue;
      }
      const text = line.trim();
      const stripped = problem.trim();
      if (kind === 'WARNING') {
        if (!(loadTimes.begin + margin < time && time < loadTimes.end - margin)) continue;
        if (UNCERTAINTY_ABOVE_LIMIT.test(stripped)) {
          const data = { text, start: pythonFloat(loadTimes.begin), time: pythonFloat(time), stop: pythonFloat(loadTimes.end) };
          if (emit({ severity: 'error', messageId: 'uncertaintyAboveLimit', line: lineNumber, data })) return events;
        } else if (emit({ severity: 'warning', messageId: 'warningDuringLoad', line: lineNumber, data: { text, official: `${pythonRepr(text)} in ptd_log.txt during load stage` } })) {
          return events;
        }
        continue;
      }
      const asWarning = text.replaceAll('ERROR', 'Warning');
      if (stripped === ACCEPTED_TESTING_ERROR) {
        const official = `${pythonRepr(asWarning)} in ptd_log.txt during testing stage but it is accepted. Treated as WARNING`;
        if (emit({ severity: 'warning', messageId: 'usbError', line: lineNumber, data: { text, official } })) return events;
        continue;
      }
      if (!(start < time && time < stop)) {
        if (emit({ severity: 'error', messageId: 'errorOutsideRanging', line: lineNumber, data: { text } })) return events;
        continue;
      }
      if (!COMMON_RANGING_ERRORS.some((common) => stripped.startsWith(common))) {
        const official = `${pythonRepr(asWarning)} in ptd_log.txt during ranging stage. Treated as WARNING`;
        if (emit({ severity: 'warning', messageId: 'uncommonRangingError', line: lineNumber, data: { text, official } })) return events;
      }
    }
  }
  return events;
}

/** The checker's time of a PTD log line in seconds, undefined without a timestamp, 'unreadable' when Python raises. */
function lineTime(line: string): number | 'unreadable' | undefined {
  const text = LINE_TIME.exec(line)?.[1];
  if (text === undefined) return undefined;
  const us = parseLogTime(text);
  return us === undefined ? 'unreadable' : us / 1e6;
}

function badTimestamp(line: number, text: string): PtdLogEvent {
  return { severity: 'error', messageId: 'badTimestamp', line, data: { line, text: text.trim() } };
}
