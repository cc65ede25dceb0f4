import { isRecord, loadPtdSessions } from '../../checkers/inference/ptd-session.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'pwr/ptd-uuid',
  meta: {
    description: 'The client and server session files of a power result name the same client and server UUIDs.',
    category: 'pwr',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'MLPerf Power rules: client.json and server.json come from one session of the MLCommons power client and server (Power WG checker "Check UUID").',
    messages: {
      notUuid: 'The {{role}} UUID in {{name}} ({{value}}) is not a UUID. Copy the {{name}} of this session, unmodified.',
      different: 'client.json and server.json name different {{role}} UUIDs ({{client}} and {{server}}), so they do not come from the same session. Copy both files from the one session that measured this result.',
    },
    // "Check UUID" fails, the Power WG checker returns 1, and the result is rejected.
    rejects: 'scenario',
    official: {},
  },
  async check({ unit, index, load, report }) {
    const sessions = await loadPtdSessions(load, index, unit);
    if (!sessions) return;
    for (const role of ['client', 'server']) {
      const values = [
        { name: 'client.json', path: sessions.clientPath, value: uuidOf(sessions.client, role) },
        { name: 'server.json', path: sessions.serverPath, value: uuidOf(sessions.server, role) },
      ];
      const invalid = values.find((entry) => entry.value.normalized === undefined);
      if (invalid) {
        report({ messageId: 'notUuid', file: invalid.path, data: { role, name: invalid.name, value: JSON.stringify(invalid.value.raw ?? null) } });
        return;
      }
      const [client, server] = values as [(typeof values)[0], (typeof values)[0]];
      if (client.value.normalized !== server.value.normalized) {
        report({ messageId: 'different', file: sessions.serverPath, data: { role, client: String(client.value.raw), server: String(server.value.raw) } });
        return;
      }
    }
  },
});

/** `uuid.UUID(text)` as a canonical lower-case hex string: braces, `urn:uuid:` and hyphens are allowed around 32 hex digits. */
function uuidOf(session: Readonly<Record<string, unknown>>, role: string): { raw: unknown; normalized: string | undefined } {
  const uuids = session['uuid'];
  const raw = isRecord(uuids) ? uuids[role] : undefined;
  if (typeof raw !== 'string') return { raw, normalized: undefined };
  const hex = raw.replace(/urn:/g, '').replace(/uuid:/g, '').replace(/^[{}]+|[{}]+$/g, '').replace(/-/g, '');
  return { raw, normalized: /^[0-9a-fA-F]{32}$/.test(hex) ? hex.toLowerCase() : undefined };
}
