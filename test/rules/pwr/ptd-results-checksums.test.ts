import rule from '../../../src/rules/pwr/ptd-results-checksums.ts';
import { withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';
import { editJson, editText, offline, performanceFile, ROUND, type Json } from './power-result.ts';

const client = performanceFile(offline, 'power/client.json');
const server = performanceFile(offline, 'power/server.json');
const runSpl = performanceFile(offline, 'run_1/spl.txt');

testRule(rule, {
  valid: [
    { name: 'a real power result', round: ROUND, tree: offline.tree },
    { name: 'files the session did not hash are not compared', round: ROUND, tree: withChanges(offline.tree, { [performanceFile(offline, 'run_1/mlperf_log_trace.json')]: '{}' }) },
  ],
  invalid: [
    {
      name: 'an edited spl.txt',
      round: ROUND,
      tree: editText(offline, runSpl, (text) => text.replace('Watts,171.300000', 'Watts,17.300000')),
      errors: [{ messageId: 'checksumMismatch', file: runSpl, message: 'the session recorded d5c472791911d1ed626fb30041c0c5c1fea62e98' }],
    },
    {
      name: 'a recorded file removed',
      round: ROUND,
      tree: withChanges(offline.tree, { [performanceFile(offline, 'power/client.log')]: undefined }),
      errors: [{ messageId: 'missingFile', file: performanceFile(offline, 'power'), message: 'performance/power/client.log is missing' }],
    },
    {
      name: 'a file the session did not record',
      round: ROUND,
      tree: editJson(offline, server, (json) => {
        delete (json['results'] as Json)['run_1/spl.txt'];
      }),
      errors: [{ messageId: 'notRecorded', file: runSpl }],
    },
    {
      name: 'client and server disagree on a hash',
      round: ROUND,
      tree: editJson(offline, client, (json) => {
        (json['results'] as Json)['run_1/spl.txt'] = '0000000000000000000000000000000000000000';
      }),
      errors: [{ messageId: 'clientServerMismatch', file: server, message: 'run_1/spl.txt' }],
    },
    {
      name: 'results that are not an object',
      round: ROUND,
      tree: editJson(offline, client, (json) => {
        json['results'] = [];
      }),
      errors: [{ messageId: 'malformed', file: client }],
    },
  ],
});
