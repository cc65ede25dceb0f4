import rule from '../../../src/rules/perf/log-consistency.ts';
import { realResult } from '../../support/shared-data.ts';
import { gptOssEndpoints } from '../../support/endpoints.ts';
import { testRule } from '../../support/rule-tester.ts';
import { lineOf, withEditedFile, withLogValue } from './mllog-edits.ts';

const RUN_LOG = 'performance/run_1/mlperf_log_detail.txt';

/** A real result with events of its performance log changed (JSON text) or removed. */
function edited(result: ReturnType<typeof realResult>, changes: Readonly<Record<string, string | undefined>>) {
  return withEditedFile(result.tree, `${result.path}/${RUN_LOG}`, (log) => Object.entries(changes).reduce((text, [key, value]) => withLogValue(text, key, value), log));
}

const whisper = realResult('v5.1', 'closed/Broadcom_Supermicro/results/vSYS-422GA-NBRT-B200-SXM-180GBx8_TRT/whisper/Offline');
const whisperLog = String(whisper.tree[`${whisper.path}/${RUN_LOG}`]);
const resnet = realResult('v4.1', 'closed/Intel/results/1-node-2S-EMR-PyTorch/resnet50/Server');
const resnetLogPath = `${resnet.path}/${RUN_LOG}`;
const resnetLog = String(resnet.tree[resnetLogPath]);
// LoadGen ran the Interactive result as Server with token latencies (TTFT 450 ms, TPOT 40 ms).
const llama = realResult('v6.0', 'closed/MiTAC/results/8xMI350X_2xEPYC-9755/llama2-70b-99.9/Interactive');
const llamaLog = String(llama.tree[`${llama.path}/${RUN_LOG}`]);

testRule(rule, {
  valid: [
    { name: 'a real Offline result', round: 'v5.1', tree: whisper.tree },
    { name: 'a real Server result', round: 'v4.1', tree: resnet.tree },
    { name: 'a real Interactive result with token latencies', round: 'v6.0', tree: llama.tree },
    { name: 'an endpoints result has no LoadGen verdict', round: 'v6.1', tree: gptOssEndpoints().tree },
    { name: 'an INVALID log is perf/result-valid\'s business', round: 'v4.1', tree: edited(resnet, { result_validity: '"INVALID"', result_query_count: '5' }) },
    { name: 'within a second of the minimum duration', round: 'v4.1', tree: edited(resnet, { power_end: '"07-19-2024 02:01:32.500"' }) },
  ],
  invalid: [
    {
      name: 'VALID with a flag that is false',
      round: 'v5.1',
      tree: edited(whisper, { result_min_queries_met: 'false' }),
      errors: [{ messageId: 'flagFalse', file: `${whisper.path}/${RUN_LOG}`, line: lineOf(whisperLog, 'result_min_queries_met'), message: `(result_validity, line ${lineOf(whisperLog, 'result_validity')}), yet result_min_queries_met is false` }],
    },
    {
      name: 'VALID with a run shorter than the minimum, by its power window',
      round: 'v4.1',
      tree: edited(resnet, { power_end: '"07-19-2024 02:00:00.000"' }),
      errors: [{ messageId: 'tooShort', file: resnetLogPath, line: lineOf(resnetLog, 'power_end'), message: 'are only 506.52 s apart' }],
    },
    {
      name: 'VALID Offline run whose last sample completed before the minimum duration',
      round: 'v5.1',
      tree: edited(whisper, { result_max_latency_ns: '100000000000' }),
      errors: [{ messageId: 'tooShort', line: lineOf(whisperLog, 'result_max_latency_ns'), message: 'its last sample completed 100 s after the start (result_max_latency_ns)' }],
    },
    {
      name: 'VALID with fewer queries than the minimum',
      round: 'v4.1',
      tree: edited(resnet, { result_query_count: '5' }),
      errors: [{ messageId: 'tooFewQueries', line: lineOf(resnetLog, 'result_query_count'), message: 'at least 100 queries (effective_min_query_count), yet result_query_count is 5' }],
    },
    {
      name: 'VALID Server run whose 99th-percentile latency exceeds the target',
      round: 'v4.1',
      tree: edited(resnet, { 'result_99.00_percentile_latency_ns': '16000000' }),
      errors: [{ messageId: 'latencyAboveTarget', line: lineOf(resnetLog, 'result_99.00_percentile_latency_ns'), message: '99th-percentile latency to be within 15000000 ns (effective_target_latency_ns), yet result_99.00_percentile_latency_ns is 16000000 ns' }],
    },
    {
      name: 'VALID token-latency run whose time per output token exceeds its target',
      round: 'v6.0',
      tree: edited(llama, { 'result_time_per_output_token_99.00_percentile_ns': '45000000' }),
      errors: [{ messageId: 'latencyAboveTarget', line: lineOf(llamaLog, 'result_time_per_output_token_99.00_percentile_ns'), message: 'time per output token to be within 40000000 ns (requested_server_tpot_latency)' }],
    },
    {
      name: 'a VALID log without the power window cannot be checked for its duration',
      round: 'v4.1',
      tree: edited(resnet, { power_begin: undefined }),
      errors: [{ messageId: 'cannotVerify', severity: 'info', message: "the run's duration (it has no power_begin) cannot be checked" }],
    },
  ],
});
