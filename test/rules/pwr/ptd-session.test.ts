import rule from '../../../src/rules/pwr/ptd-session.ts';
import { withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';
import { editJson, offline, performanceFile, ROUND } from './power-result.ts';

const client = performanceFile(offline, 'power/client.json');
const server = performanceFile(offline, 'power/server.json');

testRule(rule, {
  valid: [
    { name: 'a real power result', round: ROUND, tree: offline.tree },
    { name: 'a missing session file is left to pwr/file-lists', round: ROUND, tree: withChanges(offline.tree, { [client]: undefined }) },
  ],
  invalid: [
    {
      name: 'client.json cut short',
      round: ROUND,
      tree: withChanges(offline.tree, { [client]: '{"version": "1.0", ' }),
      errors: [{ messageId: 'unreadable', file: client, message: 'is not valid JSON' }],
    },
    {
      name: 'server.json without its phases and UUIDs',
      round: ROUND,
      tree: editJson(offline, server, (json) => {
        delete json['phases'];
        delete json['uuid'];
      }),
      errors: [{ messageId: 'missingKeys', file: server, message: 'server.json lacks uuid, phases' }],
    },
  ],
});
