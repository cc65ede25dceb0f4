import rule from '../../../src/rules/perf/llm-ttft-tpot.ts';
import { GPT_OSS_ONLINE_SPEC, gptOssEndpoints } from '../../support/endpoints.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';
import { moved } from '../../support/tree-edits.ts';
import { lineOf, withLogValue } from './mllog-edits.ts';

const TTFT = 'result_first_token_99.00_percentile_latency_ns';

// An Interactive result: LoadGen ran it as Server; its TTFT (434.5 ms) is within the Interactive limit of 450 ms.
const interactive = realResult('v6.0', 'closed/MiTAC/results/8xMI350X_2xEPYC-9755/llama2-70b-99.9/Interactive');
const logPath = `${interactive.path}/performance/run_1/mlperf_log_detail.txt`;
const log = String(interactive.tree[logPath]);
const withTtft = (value: string | undefined) => withChanges(interactive.tree, { [logPath]: withLogValue(log, TTFT, value) });
/** 1 s: above the Interactive limit (450 ms), below the Server limit (2000 ms). */
const slowFirstToken = withTtft('1000000000');

const TPOT = 'result_time_per_output_token_99.00_percentile_ns';
/** The Interactive run as a gpt-oss-120b result with a given TPOT: the rules allow 20 ms, the official table 15 ms. */
const gptOss = (tpot: string) =>
  moved(withChanges(interactive.tree, { [logPath]: withLogValue(log, TPOT, tpot) }), 'closed/MiTAC/results/8xMI350X_2xEPYC-9755/llama2-70b-99.9', 'closed/MiTAC/results/8xMI350X_2xEPYC-9755/gpt-oss-120b');
const gptOssLogPath = 'closed/MiTAC/results/8xMI350X_2xEPYC-9755/gpt-oss-120b/Interactive/performance/run_1/mlperf_log_detail.txt';

const v41 = realResult('v4.1', 'closed/AMD/results/1xMI300X_2xEPYC-9374F/llama2-70b-99.9/Server');
const v41LogPath = `${v41.path}/performance/run_1/mlperf_log_detail.txt`;

// A v6.1 endpoints Online (Server) run: no use_token_latencies flag, the TTFT and TPOT of its result_summary.json.
const slowEndpoints = gptOssEndpoints(undefined, { ...GPT_OSS_ONLINE_SPEC, ttftP99Ns: 3_000_000_000 });

testRule(rule, {
  valid: [
    { name: 'a real published result', round: 'v6.0', tree: interactive.tree, profile: 'official' },
    { name: 'the modular checker holds Interactive folders to the Server limits', round: 'v6.0', tree: slowFirstToken, profile: 'official' },
    { name: 'gpt-oss-120b Interactive within the official 15 ms TPOT', round: 'v6.0', tree: gptOss('14000000') },
  ],
  invalid: [
    {
      name: 'official v6.1: an endpoints Online run at the 3 s TTFT limit of gpt-oss-120b Server',
      round: 'v6.1',
      profile: 'official',
      tree: slowEndpoints.tree,
      errors: [{ messageId: 'exceeded', file: `${slowEndpoints.online}/performance/result_summary.json`, message: 'first token is 3000 ms' }],
    },
    {
      name: 'the Interactive limits of the folder (recommended)',
      round: 'v6.0',
      tree: slowFirstToken,
      errors: [{ messageId: 'exceeded', file: logPath, line: lineOf(log, TTFT), message: 'first token is 1000 ms and the time per output token 36.925 ms, but llama2-70b-99.9 must stay below 450 ms and 40 ms (Interactive limits)' }],
    },
    {
      name: 'the monolith keys the limits by the folder too',
      round: 'v5.1',
      profile: 'official',
      tree: slowFirstToken,
      errors: [{ messageId: 'exceeded', message: '(Interactive limits)' }],
    },
    {
      name: 'v4.1: the single conversational limit',
      round: 'v4.1',
      profile: 'official',
      tree: withChanges(v41.tree, { [v41LogPath]: withLogValue(String(v41.tree[v41LogPath]), TTFT, '2000000000') }),
      errors: [{ messageId: 'exceeded', file: v41LogPath, message: 'below 2000 ms and 200 ms' }],
    },
    {
      name: 'a model without Interactive limits in the round (official monolith)',
      round: 'v5.1',
      profile: 'official',
      tree: moved(interactive.tree, 'closed/MiTAC/results/8xMI350X_2xEPYC-9755/llama2-70b-99.9', 'closed/MiTAC/results/8xMI350X_2xEPYC-9755/mixtral-8x7b'),
      errors: [{ messageId: 'noLimits', message: 'no Interactive TTFT/TPOT limits for mixtral-8x7b' }],
    },
    {
      name: 'gpt-oss-120b Interactive above the rules\' 20 ms TPOT, naming the official 15 ms',
      round: 'v6.1',
      tree: gptOss('25000000'),
      errors: [{ messageId: 'exceeded', file: gptOssLogPath, line: lineOf(log, TPOT), severity: 'error', message: 'below 2000 ms and 20 ms (Interactive limits; the TPOT limit is the one inference_rules.adoc §4.1 (GPT-OSS-120B: Interactive TPOT 20 ms) states, the official table says 15 ms)' }],
    },
    {
      name: 'gpt-oss-120b Interactive between the official 15 ms and the rules\' 20 ms TPOT: a warning',
      round: 'v6.0',
      tree: gptOss('18000000'),
      errors: [{ messageId: 'officialLimitOnly', file: gptOssLogPath, line: lineOf(log, TPOT), severity: 'warning', message: 'time per output token 18 ms: within the limits of the rules (2000 ms and 20 ms; the TPOT limit' }],
    },
    {
      name: 'no TTFT percentile',
      round: 'v6.0',
      tree: withTtft(undefined),
      errors: [{ messageId: 'missingKey', message: TTFT }],
    },
  ],
});
