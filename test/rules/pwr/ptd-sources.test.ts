import rule from '../../../src/rules/pwr/ptd-sources.ts';
import { testRule } from '../../support/rule-tester.ts';
import { editJson, offline, performanceFile, ROUND, type Json } from './power-result.ts';

const client = performanceFile(offline, 'power/client.json');
const server = performanceFile(offline, 'power/server.json');

testRule(rule, {
  valid: [
    { name: 'a real v4.1 power result', round: ROUND, profile: 'official', tree: offline.tree },
    { name: 'the same sources are accepted in v5.1', round: 'v5.1', profile: 'official', tree: offline.tree },
  ],
  invalid: [
    {
      name: 'a modified power client',
      round: ROUND,
      tree: editJson(offline, client, (json) => {
        (json['sources'] as Json)['lib/client.py'] = '0000000000000000000000000000000000000000';
      }),
      errors: [{ messageId: 'unknownSources', file: client, message: 'closest accepted set differs in lib/client.py' }],
    },
    {
      // The modular checker's list holds only the newest power-dev release.
      name: 'the v4.1 power-dev release in a v6.0 submission',
      round: 'v6.0',
      profile: 'official',
      tree: offline.tree,
      errors: [
        { messageId: 'unknownSources', file: client, message: 'lib/server.py, lib/summary.py' },
        { messageId: 'unknownSources', file: server },
      ],
    },
  ],
});
