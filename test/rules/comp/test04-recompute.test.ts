import rule from '../../../src/rules/comp/test04-recompute.ts';
import type { MemoryNode } from '../../../src/tree/memory-fs.ts';
import { realResult, withChanges, without } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';
import { lineOf, withEditedFile, withLogValue } from '../perf/mllog-edits.ts';

type Tree = Record<string, MemoryNode>;
const DETAIL = 'performance/run_1/mlperf_log_detail.txt';

/** A tree whose log at `path` has `key` set to `value`. */
const withValue = (tree: Tree, path: string, key: string, value: number): Tree => withEditedFile(tree, path, (log) => withLogValue(log, key, String(value)));
const failingReport = 'Verifying performance.\nreference score = 1\ntest score = 2\nTEST FAIL: Test score invalid\n';

// v4.1 Offline (resnet, 25204.5 samples/s; its TEST04 run 25361.4): the compliance folder beside results/.
const offline = realResult('v4.1', 'closed/Intel/results/1-node-2S-EMR-PyTorch/resnet50/Offline');
const offlineTest04 = 'closed/Intel/compliance/1-node-2S-EMR-PyTorch/resnet50/Offline/TEST04';
const offlineFaster = withValue(offline.tree, `${offlineTest04}/${DETAIL}`, 'result_samples_per_second', 30500);
// v4.1 Server (resnet, both runs at a 15 ms target latency).
const server = realResult('v4.1', 'closed/Intel/results/1-node-2S-EMR-PyTorch/resnet50/Server');
const serverTest04 = 'closed/Intel/compliance/1-node-2S-EMR-PyTorch/resnet50/Server/TEST04';
// v4.1 SingleStream at 119 µs (TEST04 117.5 µs): short enough for 20 % either way.
const singleStream = realResult('v4.1', 'closed/UntetherAI/results/h13_u1_preview/resnet50/singlestream');
const singleStreamTest04 = 'closed/UntetherAI/compliance/h13_u1_preview/resnet50/singlestream/TEST04';
// v6.0 SingleStream at 57.4 s (TEST04 91.2 s): TEST04 in the result folder; the right threshold is 10 %.
const wan = realResult('v6.0', 'closed/Krai/results/h200_n1-kissv/wan-2.2-t2v-a14b/singlestream');
const wanTest04Log = `${wan.path}/TEST04/${DETAIL}`;
// bert is exempt from TEST04: a TEST04 folder in its compliance folder is not looked at.
const bert = realResult('v4.1', 'closed/Intel/results/1-node-2S-EMR-PyTorch/bert-99/Offline');
const bertTest04Log = `closed/Intel/compliance/1-node-2S-EMR-PyTorch/bert-99/Offline/TEST04/${DETAIL}`;

testRule(rule, {
  valid: [
    { name: 'a real Offline result whose TEST04 ran 0.6 % faster', round: 'v4.1', tree: offline.tree },
    { name: 'a real Server result with equal target latencies', round: 'v4.1', tree: server.tree },
    { name: 'a real short-latency SingleStream result (20 % allowed)', round: 'v4.1', tree: singleStream.tree },
    { name: 'a real SingleStream result whose TEST04 ran slower (modular round)', round: 'v6.0', tree: wan.tree },
    {
      name: 'a model exempt from TEST04 (bert)',
      round: 'v4.1',
      tree: withChanges(bert.tree, { [bertTest04Log]: withLogValue(String(bert.tree[`${bert.path}/${DETAIL}`]), 'result_samples_per_second', '99999') }),
    },
    { name: 'the official profile does not run it', round: 'v4.1', profile: 'official', tree: offlineFaster },
  ],
  invalid: [
    {
      name: 'TEST04 21 % faster and no report: caching',
      round: 'v4.1',
      tree: without(offlineFaster, `${offlineTest04}/verify_performance.txt`),
      errors: [
        {
          messageId: 'faster',
          file: `${offlineTest04}/${DETAIL}`,
          line: lineOf(String(offline.tree[`${offlineTest04}/${DETAIL}`]), 'result_samples_per_second'),
          unit: offline.path,
          severity: 'error',
          message: 'TEST04 ran 21.01 % faster than the submitted run (result_samples_per_second: 30500 in TEST04, 25204.5 in the submitted run), more than the 10 %',
        },
      ],
    },
    {
      name: 'a report that says TEST PASS for logs the official script fails',
      round: 'v4.1',
      tree: offlineFaster,
      errors: [{ messageId: 'contradicts', file: `${offlineTest04}/verify_performance.txt`, line: 4, unit: offline.path, message: 'the TEST04 run was 21.01 % faster than the submitted run' }],
    },
    {
      name: 'a long SingleStream latency 15 % faster: the official 20 % hides it',
      round: 'v6.0',
      tree: withValue(wan.tree, wanTest04Log, 'early_stopping_latency_ss', Math.round(57401991155 / 1.15)),
      errors: [{ messageId: 'fasterThresholdQuirk', file: wanTest04Log, unit: wan.path, severity: 'error', message: 'TEST04 ran 15.00 % faster' }],
    },
    {
      name: 'Server runs at different target latencies',
      round: 'v4.1',
      tree: withValue(server.tree, `${serverTest04}/${DETAIL}`, 'effective_target_latency_ns', 30000000),
      errors: [{ messageId: 'targetLatency', file: `${serverTest04}/${DETAIL}`, unit: server.path, message: '(30000000 ns in TEST04, 15000000 ns in the submitted run)' }],
    },
    {
      name: 'a latency under 5 µs, 14 % faster: only the official threshold fails it',
      round: 'v4.1',
      tree: withChanges(withValue(withValue(singleStream.tree, `${singleStream.path}/${DETAIL}`, 'early_stopping_latency_ss', 4000), `${singleStreamTest04}/${DETAIL}`, 'early_stopping_latency_ss', 3500), {
        [`${singleStreamTest04}/verify_performance.txt`]: failingReport,
      }),
      errors: [{ messageId: 'officialFails', file: `${singleStreamTest04}/${DETAIL}`, unit: singleStream.path, severity: 'warning', message: 'beyond the 10 % allowed' }],
    },
    {
      name: 'no TEST04 detail log',
      round: 'v6.0',
      tree: without(wan.tree, wanTest04Log),
      errors: [{ messageId: 'cannotRecompute', file: wanTest04Log, unit: wan.path, severity: 'info', message: 'is missing' }],
    },
  ],
});
