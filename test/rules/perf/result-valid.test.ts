import rule from '../../../src/rules/perf/result-valid.ts';
import { qwenEndpoints } from '../../support/endpoints.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';
import { lineOf, withLogValue } from './mllog-edits.ts';

const whisper = realResult('v5.1', 'closed/Broadcom_Supermicro/results/vSYS-422GA-NBRT-B200-SXM-180GBx8_TRT/whisper/Offline');
const whisperLogPath = `${whisper.path}/performance/run_1/mlperf_log_detail.txt`;
const whisperLog = String(whisper.tree[whisperLogPath]);
const invalidWhisper = withChanges(whisper.tree, { [whisperLogPath]: withLogValue(whisperLog, 'result_validity', '"INVALID"') });

const llama = realResult('v4.1', 'closed/AMD/results/1xMI300X_2xEPYC-9374F/llama2-70b-99.9/Server');
const llamaLogPath = `${llama.path}/performance/run_1/mlperf_log_detail.txt`;
const invalidLlama = withChanges(llama.tree, { [llamaLogPath]: withLogValue(String(llama.tree[llamaLogPath]), 'result_validity', '"INVALID"') });

const endpoints = qwenEndpoints();

testRule(rule, {
  valid: [
    { name: 'a v6.1 endpoints run has no LoadGen validity verdict', round: 'v6.1', tree: endpoints.tree },
    { name: 'a real published result', round: 'v5.1', tree: whisper.tree, profile: 'official' },
    { name: 'the modular checker (v6.0+) never enforces validity', round: 'v6.0', tree: invalidWhisper, profile: 'official' },
    { name: 'the v4.1 monolith overwrites the validity of its LLMs with their TTFT/TPOT check', round: 'v4.1', tree: invalidLlama, profile: 'official' },
  ],
  invalid: [
    {
      name: 'an INVALID run with LoadGen\'s reason',
      round: 'v5.1',
      profile: 'official',
      tree: withChanges(invalidWhisper, {
        [whisperLogPath]: withLogValue(withLogValue(whisperLog, 'result_validity', '"INVALID"'), 'result_min_duration_met', 'false'),
      }),
      errors: [{ messageId: 'invalid', file: whisperLogPath, line: lineOf(whisperLog, 'result_validity'), message: 'the minimum duration was not reached' }],
    },
    {
      name: 'the modular rounds too, in the recommended profile',
      round: 'v6.0',
      tree: invalidWhisper,
      errors: [{ messageId: 'invalid', message: 'LoadGen gives no reason' }],
    },
    {
      name: 'an LLM run of v4.1 in the recommended profile',
      round: 'v4.1',
      tree: invalidLlama,
      errors: [{ messageId: 'invalid', file: llamaLogPath }],
    },
    {
      name: 'no result_validity at all',
      round: 'v5.1',
      profile: 'official',
      tree: withChanges(whisper.tree, { [whisperLogPath]: withLogValue(whisperLog, 'result_validity', undefined) }),
      errors: [{ messageId: 'noValidity', file: whisperLogPath }],
    },
  ],
});
