import rule from '../../../src/rules/pwr/ptd-commands.ts';
import { testRule } from '../../support/rule-tester.ts';
import { editJson, offline, performanceFile, ROUND, type Json, type Tree } from './power-result.ts';

const server = performanceFile(offline, 'power/server.json');
type Message = { cmd: string; reply: unknown };
const editMessages = (tree: Tree | typeof offline, edit: (messages: Message[]) => void): Tree => editJson(tree, server, (json: Json) => edit(json['ptd_messages'] as Message[]));
const identify = (messages: Message[]): Message => messages.find((message) => message.cmd === 'Identify') as Message;
const withPtd1111 = editMessages(offline, (messages) => {
  identify(messages).reply = String(identify(messages).reply).replace('version=1.10.0-', 'version=1.11.1-');
});

testRule(rule, {
  valid: [
    { name: 'a real v4.1 power result', round: ROUND, profile: 'official', tree: offline.tree },
    { name: 'PTD 1.11.1 in v6.0, where the recommended profile does not demand a fourth SR,A', round: 'v6.0', tree: withPtd1111 },
  ],
  invalid: [
    {
      name: 'PTD 1.10.0 in v6.0',
      round: 'v6.0',
      profile: 'official',
      tree: offline.tree,
      errors: [{ messageId: 'unsupportedVersion', file: server, message: 'PTD version "1.10.0" is not supported in this round (supported: 1.11.1)' }],
    },
    {
      // At HEAD the checker looks the fourth SR,A up and asserts it exists.
      name: 'PTD 1.11.1 in v6.0 with three SR,A commands, for the modular checker',
      round: 'v6.0',
      profile: 'official',
      tree: withPtd1111,
      errors: [{ messageId: 'rangeNotRestored', message: 'no SR,A command number 4' }],
    },
    {
      name: 'no Identify reply',
      round: ROUND,
      tree: editMessages(offline, (messages) => {
        identify(messages).cmd = 'Hello';
      }),
      errors: [{ messageId: 'noIdentify' }],
    },
    {
      name: 'an unsupported analyzer',
      round: ROUND,
      tree: editMessages(offline, (messages) => {
        identify(messages).reply = String(identify(messages).reply).replace('YokogawaWT210,', 'HiokiPW3335,');
      }),
      errors: [{ messageId: 'unsupportedMeter', message: '"HiokiPW3335"' }],
    },
    {
      name: 'a range change that failed',
      round: ROUND,
      tree: editMessages(offline, (messages) => {
        (messages.find((message) => message.cmd.startsWith('SR,V')) as Message).reply = 'Error: range';
      }),
      errors: [{ messageId: 'wrongReply', message: 'PTD replied "Error: range" to "SR,V,Auto"' }],
    },
    {
      name: 'an unreadable ranges reply',
      round: ROUND,
      tree: editMessages(offline, (messages) => {
        (messages[2] as Message).reply = 'Ranges,0,ten,0,150.000000';
      }),
      errors: [{ messageId: 'noInitialRanges', message: 'Ranges,0,ten' }],
    },
    {
      name: 'the amps range left as measured',
      round: ROUND,
      tree: editMessages(offline, (messages) => {
        (messages.filter((message) => message.cmd.startsWith('SR,A'))[2] as Message).cmd = 'SR,A,3.9';
      }),
      errors: [{ messageId: 'rangeNotRestored', message: 'expected "SR,A,10.000000", found "SR,A,3.9"' }],
    },
    {
      name: 'no PTD message list',
      round: ROUND,
      tree: editJson(offline, server, (json) => {
        json['ptd_messages'] = {};
      }),
      errors: [{ messageId: 'malformed', file: server }],
    },
  ],
});
