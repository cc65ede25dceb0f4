import { loadPtdSessions } from '../../checkers/inference/ptd-session.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'pwr/ptd-debug',
  meta: {
    description: 'The power server that measured a power result did not run in debug mode.',
    category: 'pwr',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'MLPerf Power rules: the MLCommons power server runs in its normal mode for submitted measurements (Power WG checker "Check debug is disabled on server-side").',
    messages: {
      debugMode: 'server.json records "debug": {{value}}: the power server ran in debug mode, which submitted measurements may not use. Measure again with the power server started without --debug.',
    },
    // "Check debug is disabled on server-side" fails, the Power WG checker returns 1, and the result is rejected.
    rejects: 'scenario',
    official: {},
  },
  async check({ unit, index, load, report }) {
    const sessions = await loadPtdSessions(load, index, unit);
    if (!sessions) return;
    // The checker demands the value `False` itself (or no value): `debug is False`.
    if (!Object.hasOwn(sessions.server, 'debug') || sessions.server['debug'] === false) return;
    report({ messageId: 'debugMode', file: sessions.serverPath, data: { value: JSON.stringify(sessions.server['debug']) } });
  },
});
