import rule from '../../../src/rules/pwr/ptd-messages.ts';
import { testRule } from '../../support/rule-tester.ts';
import { editJson, offline, performanceFile, ROUND } from './power-result.ts';

const client = performanceFile(offline, 'power/client.json');
const server = performanceFile(offline, 'power/server.json');
type Message = { cmd: string; reply?: unknown };
const editMessages = (path: string, edit: (messages: Message[]) => void) => editJson(offline, path, (json) => edit(json['messages'] as Message[]));

testRule(rule, {
  valid: [
    { name: 'a real power result', round: ROUND, tree: offline.tree },
    {
      name: 'the replies to "time" are each machine\'s own clock',
      round: ROUND,
      tree: editMessages(client, (messages) => {
        (messages.find((message) => message.cmd === 'time') as Message).reply = '0';
      }),
    },
  ],
  invalid: [
    {
      name: 'a message missing on the client',
      round: ROUND,
      tree: editMessages(client, (messages) => {
        messages.pop();
      }),
      errors: [{ messageId: 'differentCount', file: server, message: 'client.json records 14 messages but server.json records 15' }],
    },
    {
      name: 'another command on the server',
      round: ROUND,
      tree: editMessages(server, (messages) => {
        (messages[2] as Message).cmd = 'new,,00000000-0000-4000-8000-000000000000';
      }),
      errors: [{ messageId: 'differentCommand', message: 'Message 3 is "new,,a915bb05' }],
    },
    {
      name: 'another reply on the server',
      round: ROUND,
      tree: editMessages(server, (messages) => {
        (messages[2] as Message).reply = 'OK';
      }),
      errors: [{ messageId: 'differentReply', message: 'message 3' }],
    },
    {
      name: 'client and server of different protocol versions',
      round: ROUND,
      tree: [client, server].reduce(
        (tree, path) =>
          editJson(tree, path, (json) => {
            ((json['messages'] as Message[])[0] as Message).reply = 'mlcommons/power server v4';
          }),
        offline.tree,
      ),
      errors: [{ messageId: 'differentVersions', message: 'protocol v3 but the server v4' }],
    },
    {
      name: 'no client version in the first message',
      round: ROUND,
      tree: [client, server].reduce(
        (tree, path) =>
          editJson(tree, path, (json) => {
            ((json['messages'] as Message[])[0] as Message).cmd = 'hello';
          }),
        offline.tree,
      ),
      errors: [{ messageId: 'noVersion', message: 'client protocol version' }],
    },
    {
      name: 'messages that are not a list',
      round: ROUND,
      tree: editJson(offline, client, (json) => {
        json['messages'] = 'none';
      }),
      errors: [{ messageId: 'malformed', file: client }],
    },
  ],
});
