import rule from '../../../src/rules/perf/llm-token-flag.ts';
import { gptOssEndpoints } from '../../support/endpoints.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';
import { lineOf, withLogValue } from './mllog-edits.ts';

const llm = realResult('v6.0', 'closed/MiTAC/results/8xMI350X_2xEPYC-9755/llama2-70b-99.9/Offline');
const logPath = `${llm.path}/performance/run_1/mlperf_log_detail.txt`;
const log = String(llm.tree[logPath]);
const withFlag = (value: string | undefined) => withChanges(llm.tree, { [logPath]: withLogValue(log, 'requested_use_token_latencies', value) });
const whisper = realResult('v6.0', 'closed/RedHat/results/8xH200_whisper/whisper/Offline');
const whisperLogPath = `${whisper.path}/performance/run_1/mlperf_log_detail.txt`;

const endpoints = gptOssEndpoints();

testRule(rule, {
  valid: [
    { name: 'a v6.1 endpoints LLM run always measures token latencies', round: 'v6.1', profile: 'official', tree: endpoints.tree },
    { name: 'a real published result', round: 'v6.0', tree: llm.tree, profile: 'official' },
    { name: 'not a large language model', round: 'v6.0', tree: withChanges(whisper.tree, { [whisperLogPath]: withLogValue(String(whisper.tree[whisperLogPath]), 'requested_use_token_latencies', 'false') }) },
  ],
  invalid: [
    {
      name: 'token latencies off',
      round: 'v6.0',
      profile: 'official',
      tree: withFlag('false'),
      errors: [{ messageId: 'notEnabled', file: logPath, line: lineOf(log, 'requested_use_token_latencies'), message: 'requested_use_token_latencies is false' }],
    },
    {
      name: 'no requested_use_token_latencies (LoadGen logs it only when enabled)',
      round: 'v5.1',
      profile: 'official',
      tree: withFlag(undefined),
      errors: [{ messageId: 'notEnabled', message: 'requested_use_token_latencies is absent' }],
    },
  ],
});
