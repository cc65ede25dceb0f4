import { isRecord, jsonEqual, loadPtdSessions } from '../../checkers/inference/ptd-session.ts';
import { defineRule } from '../rule.ts';

type MessageId = 'malformed' | 'differentCount' | 'differentCommand' | 'differentReply' | 'noVersion' | 'differentVersions';

const CLIENT_VERSION = /mlcommons\/power client v(\d+)\n?$/;
const SERVER_VERSION = /mlcommons\/power server v(\d+)\n?$/;

export default defineRule({
  id: 'pwr/ptd-messages',
  meta: {
    description: 'The power client and server of a power result recorded the same exchange of messages, between the same protocol versions.',
    category: 'pwr',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'MLPerf Power rules: client.json and server.json are the two records of one session of the MLCommons power client and server (Power WG checker "Check client server messages").',
    messages: {
      malformed: '{{name}} has no usable message list ({{reason}}). Copy the file the MLCommons power {{role}} wrote for this session, unmodified.',
      differentCount: 'client.json records {{client}} messages but server.json records {{server}}, so they are not records of the same session. Copy both files from the one session that measured this result.',
      differentCommand: 'Message {{position}} is "{{client}}" in client.json but "{{server}}" in server.json. Copy both files from the one session that measured this result.',
      differentReply: 'The reply to "{{command}}" (message {{position}}) differs between client.json and server.json. Copy both files from the one session that measured this result.',
      noVersion: 'The first message of server.json does not carry the {{role}} protocol version ("mlcommons/power {{role}} vN"). Copy the server.json the MLCommons power server wrote, unmodified.',
      differentVersions: 'The power client speaks protocol v{{client}} but the server v{{server}}. Measure again with a client and server of the same power-dev release.',
    },
    // "Check client server messages" fails, the Power WG checker returns 1, and the result is rejected.
    rejects: 'scenario',
    official: {},
  },
  async check({ unit, index, load, report }) {
    const sessions = await loadPtdSessions(load, index, unit);
    if (!sessions) return;
    const failure = messagesFailure(sessions.client['messages'], sessions.server['messages']);
    if (failure) report({ messageId: failure.messageId, file: failure.role === 'client' ? sessions.clientPath : sessions.serverPath, data: failure.data });
  },
});

interface Failure {
  readonly messageId: MessageId;
  readonly role: 'client' | 'server';
  readonly data: Readonly<Record<string, string | number>>;
}

/** `messages_check`: the first assertion that fails, if any. */
function messagesFailure(clientMessages: unknown, serverMessages: unknown): Failure | undefined {
  for (const [role, messages] of [['client', clientMessages], ['server', serverMessages]] as const) {
    if (!Array.isArray(messages) || !messages.every((message) => isRecord(message) && Object.hasOwn(message, 'cmd'))) {
      return { messageId: 'malformed', role, data: { name: `${role}.json`, role, reason: 'messages is not a list of commands' } };
    }
  }
  const client = clientMessages as readonly Readonly<Record<string, unknown>>[];
  const server = serverMessages as readonly Readonly<Record<string, unknown>>[];
  if (client.length !== server.length) return { messageId: 'differentCount', role: 'server', data: { client: client.length, server: server.length } };
  for (let position = 0; position < client.length; position++) {
    const [mine, theirs] = [client[position] as Readonly<Record<string, unknown>>, server[position] as Readonly<Record<string, unknown>>];
    if (!jsonEqual(mine['cmd'], theirs['cmd'])) {
      return { messageId: 'differentCommand', role: 'server', data: { position: position + 1, client: String(mine['cmd']), server: String(theirs['cmd']) } };
    }
    // The reply to "time" is each machine's own clock.
    if (mine['cmd'] === 'time') continue;
    const withoutReply = !Object.hasOwn(mine, 'reply') ? 'client' : !Object.hasOwn(theirs, 'reply') ? 'server' : undefined;
    if (withoutReply) return { messageId: 'malformed', role: withoutReply, data: { name: `${withoutReply}.json`, role: withoutReply, reason: `message ${position + 1} has no reply` } };
    if (!jsonEqual(mine['reply'], theirs['reply'])) return { messageId: 'differentReply', role: 'server', data: { position: position + 1, command: String(mine['cmd']) } };
  }
  const first = server[0];
  const clientVersion = versionOf(first?.['cmd'], CLIENT_VERSION);
  if (clientVersion === undefined) return { messageId: 'noVersion', role: 'server', data: { role: 'client' } };
  const serverVersion = versionOf(first?.['reply'], SERVER_VERSION);
  if (serverVersion === undefined) return { messageId: 'noVersion', role: 'server', data: { role: 'server' } };
  if (clientVersion !== serverVersion) return { messageId: 'differentVersions', role: 'server', data: { client: clientVersion, server: serverVersion } };
  return undefined;
}

function versionOf(text: unknown, pattern: RegExp): string | undefined {
  return typeof text === 'string' ? pattern.exec(text)?.[1] : undefined;
}
