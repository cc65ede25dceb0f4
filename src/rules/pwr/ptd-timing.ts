import { evaluatePhases } from '../../checkers/inference/ptd-phases.ts';
import { loadPtdSessions } from '../../checkers/inference/ptd-session.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'pwr/ptd-timing',
  meta: {
    description: "The power session's clocks agree, LoadGen's runs lie inside the session's ranging and testing phases, and the measured run's average power is not more than 5 % below the ranging run's.",
    category: 'pwr',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'MLPerf Power rules: client and server clocks are synchronized (NTP) and the ranging and measured runs are the same workload under the same session (Power WG checker "Check time difference").',
    messages: {
      malformed: '{{file}} cannot be used to time the session: {{reason}}. Copy the files the MLCommons power client and server wrote for this session, unmodified.',
      phaseCount: 'client.json and server.json record different numbers of {{mode}} phases ({{client}} and {{server}}). Copy both files from the one session that measured this result.',
      clockDifference: 'The client and server times of {{mode}} phase {{phase}} differ by {{difference}} ms, more than {{limit}} ms. Synchronize both machines with NTP (the power client does this at start) and measure again.',
      noLoadgenTimes: 'The {{mode}} run cannot be placed in the session: {{reason}}. Copy the detail log LoadGen wrote for that run, unmodified.',
      outsidePhase: "LoadGen's {{mode}} run {{edge}}s outside the {{mode}} phase the power client recorded. Copy the logs of the run that was measured in this session.",
      badSample: 'Line {{line}} of spl.txt cannot be read: {{reason}}. Copy the spl.txt the power server wrote for this run, unmodified.',
      powerDrop: 'The average power of the measured run ({{testing}} W) is {{delta}} % off that of the ranging run ({{ranging}} W), more than 5 % below it. Measure again with the same workload and settings in both runs.',
    },
    // "Check time difference" fails, the Power WG checker returns 1, and the result is rejected.
    rejects: 'scenario',
    official: {},
  },
  async check({ unit, profile, index, load, report }) {
    const sessions = await loadPtdSessions(load, index, unit);
    if (!sessions) return;
    // The official checker stops at its short-run warning and then never compares the average powers.
    const { failure } = await evaluatePhases(load, sessions, profile === 'official');
    if (!failure) return;
    const file = failure.file;
    const data = failure.messageId === 'malformed' ? { ...failure.data, file: file.slice(file.lastIndexOf('/') + 1) } : failure.data;
    report({ messageId: failure.messageId, file, data, ...(failure.line !== undefined && { line: failure.line }) });
  },
});
