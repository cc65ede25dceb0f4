import rule from '../../../src/rules/pwr/ptd-session-name.ts';
import { testRule } from '../../support/rule-tester.ts';
import { editJson, offline, performanceFile, ROUND } from './power-result.ts';

const server = performanceFile(offline, 'power/server.json');

testRule(rule, {
  valid: [{ name: 'a real power result', round: ROUND, tree: offline.tree }],
  invalid: [
    {
      name: 'server.json of another session',
      round: ROUND,
      tree: editJson(offline, server, (json) => {
        json['session_name'] = '2024-07-24_08-00-00';
      }),
      errors: [{ messageId: 'different', file: server, message: 'client.json names session "2024-07-23_09-27-46" but server.json names session "2024-07-24_08-00-00"' }],
    },
  ],
});
