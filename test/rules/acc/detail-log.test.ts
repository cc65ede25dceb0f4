import rule from '../../../src/rules/acc/detail-log.ts';
import { qwenEndpoints } from '../../support/endpoints.ts';
import { realResult, withChanges, without } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

const result = realResult('v6.0', 'closed/RedHat/results/8xH200_whisper/whisper/Offline');
const folder = `${result.path}/accuracy`;
const log = `${folder}/mlperf_log_detail.txt`;
const lines = String(result.tree[log]).split('\n');

const endpoints = qwenEndpoints();

testRule(rule, {
  valid: [
    { name: 'a v6.1 endpoints result has no LoadGen accuracy run', round: 'v6.1', profile: 'official', tree: endpoints.tree },
    { name: 'a real accuracy run', round: 'v6.0', profile: 'official', tree: result.tree },
    { name: 'no accuracy folder at all is struct/accuracy-txt\'s finding', round: 'v6.0', tree: without(result.tree, folder) },
  ],
  invalid: [
    { name: 'the detail log removed', round: 'v6.0', profile: 'official', tree: without(result.tree, log), errors: [{ messageId: 'missing', file: folder }] },
    {
      name: 'a line cut in the middle',
      round: 'v5.1',
      tree: withChanges(result.tree, { [log]: [...lines.slice(0, 4), lines[4]?.slice(0, 40), ...lines.slice(5)].join('\n') }),
      errors: [{ messageId: 'malformedLine', file: log, line: 5 }],
    },
    { name: 'a binary file in its place', round: 'v6.0', tree: withChanges(result.tree, { [log]: Buffer.from([0, 1, 2, 3]) }), errors: [{ messageId: 'unreadable', message: 'binary' }] },
  ],
});
