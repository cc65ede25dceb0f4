import rule from '../../../src/rules/comp/test01-performance-recompute.ts';
import type { MemoryNode } from '../../../src/tree/memory-fs.ts';
import { realResult, withChanges, without } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';
import { lineOf, withEditedFile, withLogValue } from '../perf/mllog-edits.ts';

type Tree = Record<string, MemoryNode>;
const DETAIL = 'performance/run_1/mlperf_log_detail.txt';

const withValue = (tree: Tree, path: string, key: string, value: number | undefined): Tree =>
  withEditedFile(tree, path, (log) => withLogValue(log, key, value === undefined ? undefined : String(value)));
const failingReport = 'Verifying performance.\nreference score = 1\ntest score = 2\nTEST FAIL: Test score invalid\n';

// v4.1, the summary script: resnet Offline at 25204.5 samples/s (TEST01 25191.7) and Server at a 15 ms target latency.
const offline = realResult('v4.1', 'closed/Intel/results/1-node-2S-EMR-PyTorch/resnet50/Offline');
const offlineTest01 = 'closed/Intel/compliance/1-node-2S-EMR-PyTorch/resnet50/Offline/TEST01';
const server = realResult('v4.1', 'closed/Intel/results/1-node-2S-EMR-PyTorch/resnet50/Server');
const serverTest01 = 'closed/Intel/compliance/1-node-2S-EMR-PyTorch/resnet50/Server/TEST01';
// v5.1, the detail-log script: SDXL Server, TEST01 8 % slower, 20 s target latency.
const sdxl = realResult('v5.1', 'closed/University-of-Florida/results/B200-SXM-180GBx1_TRT/stable-diffusion-xl/Server');
const sdxlTest01 = 'closed/University-of-Florida/compliance/B200-SXM-180GBx1_TRT/stable-diffusion-xl/Server/TEST01';
// v6.0: TEST01 in the result folder.
const whisper = realResult('v6.0', 'closed/RedHat/results/8xH200_whisper/whisper/Offline');
const whisperTest01 = `${whisper.path}/TEST01`;

testRule(rule, {
  valid: [
    { name: 'a real Offline result (v4.1)', round: 'v4.1', tree: offline.tree },
    { name: 'a real Server result 8 % slower in TEST01 (v5.1)', round: 'v5.1', tree: sdxl.tree },
    { name: 'a real result with TEST01 in the result folder (v6.0)', round: 'v6.0', tree: whisper.tree },
    { name: 'the official profile does not run it', round: 'v4.1', profile: 'official', tree: withValue(offline.tree, `${offlineTest01}/${DETAIL}`, 'result_samples_per_second', 21000) },
  ],
  invalid: [
    {
      name: 'TEST01 17 % slower and no report',
      round: 'v4.1',
      tree: without(withValue(offline.tree, `${offlineTest01}/${DETAIL}`, 'result_samples_per_second', 21000), `${offlineTest01}/verify_performance.txt`),
      errors: [
        {
          messageId: 'outsideWindow',
          file: `${offlineTest01}/${DETAIL}`,
          line: lineOf(String(offline.tree[`${offlineTest01}/${DETAIL}`]), 'result_samples_per_second'),
          unit: offline.path,
          message: 'TEST01 ran 16.68 % slower than the submitted run (result_samples_per_second: 21000 in TEST01, 25204.5 in the submitted run), outside the ±10 % window',
        },
      ],
    },
    {
      name: 'a report that says TEST PASS for logs the script fails (v6.0)',
      round: 'v6.0',
      tree: withValue(whisper.tree, `${whisperTest01}/${DETAIL}`, 'result_samples_per_second', 600),
      errors: [{ messageId: 'contradicts', file: `${whisperTest01}/verify_performance.txt`, unit: whisper.path, message: 'the TEST01 run was 23.56 % faster' }],
    },
    {
      name: 'Server runs at different target latencies, no report (v5.1)',
      round: 'v5.1',
      tree: without(withValue(sdxl.tree, `${sdxlTest01}/${DETAIL}`, 'effective_target_latency_ns', 30000000000), `${sdxlTest01}/verify_performance.txt`),
      errors: [{ messageId: 'targetLatency', file: `${sdxlTest01}/${DETAIL}`, unit: sdxl.path, message: '(30000000000 ns in TEST01, 20000000000 ns in the submitted run)' }],
    },
    {
      name: 'Server runs at different target latencies that the v4.1 script did not compare',
      round: 'v4.1',
      tree: withValue(server.tree, `${serverTest01}/${DETAIL}`, 'effective_target_latency_ns', 30000000),
      errors: [{ messageId: 'targetLatencyUnchecked', file: `${serverTest01}/${DETAIL}`, unit: server.path }],
    },
    {
      name: 'a score exactly on the bound: only the v4.1 script fails it',
      round: 'v4.1',
      tree: withChanges(withValue(offline.tree, `${offlineTest01}/${DETAIL}`, 'result_samples_per_second', 25204.5 * (1 + 0.1)), { [`${offlineTest01}/verify_performance.txt`]: failingReport }),
      errors: [{ messageId: 'officialFails', file: `${offlineTest01}/${DETAIL}`, unit: offline.path, severity: 'warning' }],
    },
    {
      name: 'a TEST01 log without its score',
      round: 'v4.1',
      tree: withValue(offline.tree, `${offlineTest01}/${DETAIL}`, 'result_samples_per_second', undefined),
      errors: [{ messageId: 'cannotRecompute', file: `${offlineTest01}/${DETAIL}`, unit: offline.path, severity: 'info', message: 'has no numeric result_samples_per_second' }],
    },
  ],
});
