import { scanPtdLog, type PtdLogWarningId } from '../../checkers/inference/ptd-log-scan.ts';
import { loadPtdSessions } from '../../checkers/inference/ptd-session.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'pwr/ptd-log-warnings',
  meta: {
    description: 'The PTD log of a power result shows no uncommon error during the ranging run, no USB error and no warning during the measured run.',
    category: 'pwr',
    scope: 'scenario',
    severity: 'warning',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'MLPerf Power rules: PTD problems that do not invalidate a measurement are flagged for the audit (Power WG checker "Check errors and warnings from PTD logs", treated as WARNING).',
    messages: {
      usbError: 'PTD reported a USB error during the session ({{text}}), which the Power WG checker accepts but flags for the audit: {{official}}. Make sure no samples were lost.',
      uncommonRangingError: 'PTD reported an uncommon error during the ranging run, which the Power WG checker flags for the audit: {{official}}. Make sure the ranging run still set sound ranges.',
      warningDuringLoad: 'PTD reported a warning during the measured run, which the Power WG checker flags for the audit: {{official}}. Review it before submitting.',
    } satisfies Record<PtdLogWarningId, string>,
    // Warnings of the Power WG checker ("[x] Check errors and warnings from PTD logs"): they never reject.
    rejects: 'none',
    official: {},
  },
  async check({ unit, profile, index, load, report }) {
    const sessions = await loadPtdSessions(load, index, unit);
    if (!sessions) return;
    const file = `${sessions.paths.power}/ptd_logs.txt`;
    for (const event of await scanPtdLog(load, sessions, profile === 'official')) {
      if (event.severity === 'warning') report({ messageId: event.messageId, file, line: event.line, data: event.data });
    }
  },
});
