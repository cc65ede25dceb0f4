import rule from '../../../src/rules/acc/json-truncated.ts';
import { qwenEndpoints } from '../../support/endpoints.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

const llama = realResult('v5.1', 'closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b/Offline');
const log = `${llama.path}/accuracy/mlperf_log_accuracy.json`;
const gptj = realResult('v4.1', 'open/HPE/results/HPE_Cray_XD670_H100_SXM_80GBx8_TRT/gptj-99.9/Offline');
const openLlama = realResult('v6.0', 'open/AMD/results/8xMI355X_2xEPYC_9575F/llama3.1-405b/Offline');
const openLog = `${openLlama.path}/accuracy/mlperf_log_accuracy.json`;

/** A complete accuracy log of `count` records, as LoadGen writes it. */
const fullLog = (count: number): string =>
  `[\n${Array.from({ length: count }, (_, index) => `{ "seq_id" : ${index}, "qsl_idx" : ${index}, "data" : "${'0A'.repeat(32)}" }`).join(',\n')}\n]\n`;
const big = fullLog(200);

const endpoints = qwenEndpoints();

testRule(rule, {
  valid: [
    { name: 'a v6.1 endpoints result: the modular checker does not check its accuracy log’s size', round: 'v6.1', profile: 'official', tree: withChanges(endpoints.tree, { [`${endpoints.offline}/accuracy/mlperf_log_accuracy.json`]: big }) },
    { name: 'a real truncated log', round: 'v5.1', profile: 'official', tree: llama.tree },
    { name: 'a small complete log', round: 'v5.1', tree: withChanges(llama.tree, { [log]: fullLog(3) }) },
    { name: 'official v4.1: the monolith lets an open result with a full log through', round: 'v4.1', profile: 'official', tree: withChanges(gptj.tree, { [`${gptj.path}/accuracy/mlperf_log_accuracy.json`]: big }) },
    { name: 'official: the checkers look at the size only', round: 'v5.1', profile: 'official', tree: withChanges(llama.tree, { [log]: 'not json' }) },
  ],
  invalid: [
    {
      name: 'a log that was not truncated',
      round: 'v5.1',
      profile: 'official',
      tree: withChanges(llama.tree, { [log]: big }),
      errors: [{ messageId: 'notTruncated', file: log, unit: llama.path, message: `is ${Buffer.byteLength(big)} bytes` }],
    },
    { name: 'official v6.0: open results are held to it too', round: 'v6.0', profile: 'official', tree: withChanges(openLlama.tree, { [openLog]: big }), errors: [{ messageId: 'notTruncated', file: openLog }] },
    {
      name: 'recommended: a small file that is no accuracy log',
      round: 'v5.1',
      tree: withChanges(llama.tree, { [log]: '[\n{ "seq_id" : 0, "data" : "0A" }\n]\n' }),
      errors: [{ messageId: 'malformed', file: log, line: 2, message: 'has a record without qsl_idx' }],
    },
  ],
});
