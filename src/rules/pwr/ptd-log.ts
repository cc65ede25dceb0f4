import { scanPtdLog, type PtdLogErrorId } from '../../checkers/inference/ptd-log-scan.ts';
import { loadPtdSessions } from '../../checkers/inference/ptd-session.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'pwr/ptd-log',
  meta: {
    description: 'The PTD log of a power result marks the ranging run, had uncertainty checking on before it, and shows no PTD error outside it and no uncertainty above 1 % during the measured run.',
    category: 'pwr',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'MLPerf Power rules: PTDaemon runs with uncertainty checking, and the measured run must be free of analyzer errors and keep the uncertainty within 1 % (Power WG checker "Check errors and warnings from PTD logs").',
    messages: {
      malformed: 'The PTD log cannot be checked: {{reason}}. Copy the server.json the MLCommons power server wrote, unmodified.',
      noLoadgenTimes: 'The measured run cannot be placed in the PTD log: {{reason}}. Copy the detail log LoadGen wrote for that run, unmodified.',
      badTimestamp: 'Line {{line}} of ptd_logs.txt starts with a timestamp that is not a valid time ({{text}}). Copy the PTD log the power server wrote, unmodified.',
      noRangingMarks: 'ptd_logs.txt has no "Go with mark {{mark}}" followed by "Completed test", so the ranging run cannot be found in it. Copy the PTD log of the session that measured this result, unmodified.',
      noUncertaintyCheck: 'ptd_logs.txt never says "Uncertainty checking for Yokogawa… is activated": PTD ran without checking the measurement uncertainty. Start PTD with uncertainty checking (the MLCommons power server does) and measure again.',
      uncertaintyLate: 'Uncertainty checking was not activated at a known time before the ranging run started. Start PTD with uncertainty checking before the session and measure again.',
      untimedProblem: 'Line {{line}} of ptd_logs.txt reports a PTD problem without a timestamp ({{text}}), so it cannot be placed in the session. Copy the PTD log the power server wrote, unmodified.',
      errorOutsideRanging: 'PTD reported an error outside the ranging run ({{text}}). An analyzer error during the measured run invalidates it: fix the cause and measure again.',
      uncertaintyAboveLimit: 'PTD reported a measurement uncertainty above 1 % during the measured run ({{text}}). Use analyzer ranges that keep the uncertainty within 1 % and measure again.',
    } satisfies Record<PtdLogErrorId, string>,
    // "Check errors and warnings from PTD logs" fails, the Power WG checker returns 1, and the result is rejected.
    rejects: 'scenario',
    official: {},
  },
  async check({ unit, profile, index, load, report }) {
    const sessions = await loadPtdSessions(load, index, unit);
    if (!sessions) return;
    const file = `${sessions.paths.power}/ptd_logs.txt`;
    for (const event of await scanPtdLog(load, sessions, profile === 'official')) {
      if (event.severity !== 'error') continue;
      const eventFile = event.messageId === 'noLoadgenTimes' ? `${sessions.paths.run}/mlperf_log_detail.txt` : event.messageId === 'malformed' ? sessions.serverPath : file;
      report({ messageId: event.messageId, file: eventFile, data: event.data, ...(event.line !== undefined && { line: event.line }) });
    }
  },
});
