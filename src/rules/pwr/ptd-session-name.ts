import { jsonEqual, loadPtdSessions } from '../../checkers/inference/ptd-session.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'pwr/ptd-session-name',
  meta: {
    description: 'The client and server session files of a power result name the same session.',
    category: 'pwr',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'MLPerf Power rules: client.json and server.json come from one session of the MLCommons power client and server (Power WG checker "Check session name").',
    messages: {
      different: 'client.json names session {{client}} but server.json names session {{server}}, so they do not come from the same session. Copy both files from the one session that measured this result.',
    },
    // "Check session name" fails, the Power WG checker returns 1, and the result is rejected.
    rejects: 'scenario',
    official: {},
  },
  async check({ unit, index, load, report }) {
    const sessions = await loadPtdSessions(load, index, unit);
    if (!sessions) return;
    const client = sessions.client['session_name'];
    const server = sessions.server['session_name'];
    if (!jsonEqual(client, server)) report({ messageId: 'different', file: sessions.serverPath, data: { client: JSON.stringify(client), server: JSON.stringify(server) } });
  },
});
