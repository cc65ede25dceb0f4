import rule from '../../../src/rules/pwr/ranging-parse.ts';
import { testRule } from '../../support/rule-tester.ts';
import { editText, offline, performanceFile, ROUND, withoutKey } from './power-result.ts';

const rangingLog = performanceFile(offline, 'ranging/mlperf_log_detail.txt');
const withoutResult = editText(offline, rangingLog, (text) => withoutKey(text, 'result_samples_per_second'));

testRule(rule, {
  valid: [
    { name: 'a real power result', round: ROUND, tree: offline.tree },
    { name: 'the modular checker does not read the ranging result', round: 'v6.0', profile: 'official', tree: withoutResult },
  ],
  invalid: [
    {
      name: 'the ranging log without its result',
      round: ROUND,
      profile: 'official',
      tree: withoutResult,
      errors: [{ messageId: 'noResult', file: rangingLog, message: 'result_samples_per_second' }],
    },
    {
      name: 'a truncated MLLOG line in the ranging log',
      round: ROUND,
      tree: editText(offline, rangingLog, (text) => text.replace(/\n(:::MLLOG \{"key": "result_validity")/, '\n:::MLLOG {"key": \n$1')),
      errors: [{ messageId: 'notLoadgenLog', file: rangingLog, message: 'not a valid MLLOG event' }],
    },
    {
      name: 'a ranging log without effective_scenario',
      round: ROUND,
      tree: editText(offline, rangingLog, (text) => withoutKey(text, 'effective_scenario')),
      errors: [{ messageId: 'noResult', message: 'effective_scenario (null)' }],
    },
  ],
});
