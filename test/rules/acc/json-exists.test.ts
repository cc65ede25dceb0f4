import rule from '../../../src/rules/acc/json-exists.ts';
import { qwenEndpoints } from '../../support/endpoints.ts';
import { realResult, without } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

const whisper = realResult('v6.0', 'closed/RedHat/results/8xH200_whisper/whisper/Offline');
const openLlama = realResult('v6.0', 'open/AMD/results/8xMI355X_2xEPYC_9575F/llama3.1-405b/Offline');

const endpoints = qwenEndpoints();

testRule(rule, {
  valid: [
    { name: 'a v6.1 endpoints result has no LoadGen accuracy log (the modular checker skips the check)', round: 'v6.1', profile: 'official', tree: endpoints.tree },
    { name: 'a real result', round: 'v6.0', profile: 'official', tree: whisper.tree },
    { name: 'a missing accuracy folder is left to struct/accuracy-txt', round: 'v6.0', tree: without(whisper.tree, `${whisper.path}/accuracy`) },
  ],
  invalid: [
    {
      name: 'the accuracy log removed',
      round: 'v6.0',
      profile: 'official',
      tree: without(whisper.tree, `${whisper.path}/accuracy/mlperf_log_accuracy.json`),
      errors: [{ messageId: 'missing', file: `${whisper.path}/accuracy`, unit: whisper.path }],
    },
    {
      name: 'official: open results need it too',
      round: 'v6.0',
      profile: 'official',
      tree: without(openLlama.tree, `${openLlama.path}/accuracy/mlperf_log_accuracy.json`),
      errors: [{ messageId: 'missing' }],
    },
  ],
});
