import rule from '../../../src/rules/pwr/metric.ts';
import { moved } from '../../support/tree-edits.ts';
import { testRule } from '../../support/rule-tester.ts';
import { editText, offline, performanceFile, ROUND, singleStream, withoutKey } from './power-result.ts';

const singleStreamLog = performanceFile(singleStream, 'run_1/mlperf_log_detail.txt');
const interactive = `${offline.path.slice(0, offline.path.lastIndexOf('/'))}/interactive`;
const asInteractive = moved(offline.tree, offline.path, interactive);

testRule(rule, {
  valid: [
    { name: 'a real Offline power result (watts)', round: ROUND, tree: offline.tree },
    { name: 'a real SingleStream power result (millijoules per query)', round: ROUND, tree: singleStream.tree },
    { name: 'an Interactive power result is in watts by the rules', round: ROUND, tree: asInteractive },
  ],
  invalid: [
    {
      name: 'a SingleStream log without result_query_count',
      round: ROUND,
      tree: editText(singleStream, singleStreamLog, (text) => withoutKey(text, 'result_query_count')),
      errors: [{ messageId: 'noQueryCount', file: singleStreamLog, message: 'result_query_count' }],
    },
    {
      // The v4.1 monolith asserts that a result not in watts is SingleStream or MultiStream.
      name: 'an Interactive power result for the v4.1 monolith',
      round: ROUND,
      profile: 'official',
      tree: asInteractive,
      errors: [{ messageId: 'unsupportedScenario', file: interactive, message: 'interactive result' }],
    },
  ],
});
