import { evaluatePhases } from '../../checkers/inference/ptd-phases.ts';
import { loadPtdSessions } from '../../checkers/inference/ptd-session.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'pwr/ptd-duration',
  meta: {
    description: 'The measured run of a power result is not more than 50 % shorter than its ranging run.',
    category: 'pwr',
    scope: 'scenario',
    severity: 'warning',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'MLPerf Power rules: the ranging run and the measured run execute the same workload with the same settings, so they last about as long (Power WG checker "Check time difference").',
    messages: {
      shortRun: 'The measured run ({{testing}} s) is {{percent}} % shorter than the ranging run ({{ranging}} s). Check that both runs used the same workload and settings; the Power WG checker warns about this for the audit.',
    },
    // A warning of the Power WG checker ("[x] Check time difference"): it never rejects.
    rejects: 'none',
    official: {},
  },
  async check({ unit, index, load, report }) {
    const sessions = await loadPtdSessions(load, index, unit);
    if (!sessions) return;
    const { failure, durationWarning } = await evaluatePhases(load, sessions, true);
    // A failure before the duration comparison means the checker never got to it.
    if (durationWarning && !failure) report({ messageId: 'shortRun', file: durationWarning.file, data: durationWarning.data });
  },
});
