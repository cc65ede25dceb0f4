import rule from '../../../src/rules/pwr/ptd-debug.ts';
import { testRule } from '../../support/rule-tester.ts';
import { editJson, offline, performanceFile, ROUND } from './power-result.ts';

const server = performanceFile(offline, 'power/server.json');
const withDebug = (value: unknown) =>
  editJson(offline, server, (json) => {
    json['debug'] = value;
  });

testRule(rule, {
  valid: [
    { name: 'a real power result (no debug field)', round: ROUND, tree: offline.tree },
    { name: 'debug false', round: ROUND, tree: withDebug(false) },
  ],
  invalid: [
    { name: 'debug true', round: ROUND, tree: withDebug(true), errors: [{ messageId: 'debugMode', file: server, message: '"debug": true' }] },
    // The checker demands the value False itself.
    { name: 'debug 0', round: ROUND, tree: withDebug(0), errors: [{ messageId: 'debugMode', message: '"debug": 0' }] },
  ],
});
