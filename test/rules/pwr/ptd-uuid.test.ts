import rule from '../../../src/rules/pwr/ptd-uuid.ts';
import { testRule } from '../../support/rule-tester.ts';
import { editJson, offline, performanceFile, ROUND, type Json } from './power-result.ts';

const client = performanceFile(offline, 'power/client.json');
const server = performanceFile(offline, 'power/server.json');

testRule(rule, {
  valid: [
    { name: 'a real power result', round: ROUND, tree: offline.tree },
    {
      name: 'the same UUID written in capitals and braces',
      round: ROUND,
      tree: editJson(offline, server, (json) => {
        const uuid = json['uuid'] as Json;
        uuid['client'] = `{${String(uuid['client']).toUpperCase()}}`;
      }),
    },
  ],
  invalid: [
    {
      name: 'server.json of another session',
      round: ROUND,
      tree: editJson(offline, server, (json) => {
        (json['uuid'] as Json)['client'] = '00000000-0000-4000-8000-000000000000';
      }),
      errors: [{ messageId: 'different', file: server, message: 'different client UUIDs (a915bb05-ab3a-4d19-a9e9-1026ecec8d73 and 00000000-0000-4000-8000-000000000000)' }],
    },
    {
      name: 'a server UUID that is not one',
      round: ROUND,
      tree: editJson(offline, client, (json) => {
        (json['uuid'] as Json)['server'] = 'server-1';
      }),
      errors: [{ messageId: 'notUuid', file: client, message: 'The server UUID in client.json ("server-1")' }],
    },
  ],
});
