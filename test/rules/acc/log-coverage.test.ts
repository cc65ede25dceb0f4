import rule from '../../../src/rules/acc/log-coverage.ts';
import { coverageLog, loadgenLog, range } from '../../support/accuracy-logs.ts';
import { testRule } from '../../support/rule-tester.ts';
import { realResult, withChanges, type RealResult } from '../../support/shared-data.ts';

const logOf = (result: RealResult): string => `${result.path}/accuracy/mlperf_log_accuracy.json`;
const withLog = (result: RealResult, log: string) => withChanges(result.tree, { [logOf(result)]: log });

// v6.0: wan-2.2 has 248 accuracy samples (round data).
const wan = realResult('v6.0', 'closed/Krai/results/h200_n1-kissv/wan-2.2-t2v-a14b/offline');
// v4.1 has no sample counts: the accuracy run's qsl_reported_total_count (43) decides.
const unet = realResult('v4.1', 'open/HPE/results/HPE_ProLiant_DL380a_L40S_PCIe_48GBx4_TRT/3d-unet-99.9/Offline');
// v5.1 MultiStream: LoadGen pads the last query of each loadable set with repeated samples.
const multiStream = realResult('v5.1', 'open/Lenovo/results/se100_ultra7_255h/resnet50/MultiStream');
// v4.1: a published accuracy folder holding the empty log of a performance run.
const amdServer = realResult('v4.1', 'closed/AMD/results/1xMI300X_2xEPYC-9374F/llama2-70b-99/Server');
const mitac = realResult('v6.0', 'closed/MiTAC/results/8xMI350X_2xEPYC-9755/llama2-70b-99/Offline');

testRule(rule, {
  valid: [
    { name: 'a complete log covering the 248 wan-2.2 samples once each', round: 'v6.0', tree: withLog(wan, coverageLog(range(248).reverse())) },
    { name: 'v4.1: the count comes from the accuracy run’s LoadGen log', round: 'v4.1', tree: withLog(unet, coverageLog(range(43))) },
    { name: 'MultiStream repeats a few samples to fill its last query', round: 'v5.1', tree: withLog(multiStream, coverageLog([...range(50000), 0, 1, 2])) },
    { name: 'no accuracy log (acc/json-exists reports it)', round: 'v6.0', tree: withChanges(wan.tree, { [logOf(wan)]: undefined }) },
  ],
  invalid: [
    {
      name: 'the real empty log of a performance run in the accuracy folder',
      round: 'v4.1',
      tree: amdServer.tree,
      errors: [{ messageId: 'empty', severity: 'error', file: logOf(amdServer), unit: amdServer.path }],
    },
    {
      name: 'a complete log that misses samples names the first ones',
      round: 'v6.0',
      tree: withLog(wan, coverageLog(range(245, 3))),
      errors: [{ messageId: 'countMismatch', file: logOf(wan), message: 'covers 245 distinct samples of the data set, but the accuracy run of wan-2.2-t2v-a14b must cover 248 (the v6.0 round data); qsl_idx 0, 1, 2 are missing' }],
    },
    {
      name: 'a sample logged twice, outside MultiStream',
      round: 'v6.0',
      tree: withLog(wan, coverageLog([...range(248), 17])),
      errors: [{ messageId: 'duplicates', file: logOf(wan), message: 'logs 1 samples more than once (qsl_idx 17)' }],
    },
    {
      name: 'a sample index beyond the data set, and one sample missing',
      round: 'v6.0',
      tree: withLog(wan, coverageLog([...range(247), 300])),
      errors: [
        // Sorted by message: "covers" before "has".
        { messageId: 'countMismatch', message: 'covers 247 distinct samples of the data set' },
        { messageId: 'outOfRange', message: 'has 1 sample indices at or beyond 248' },
      ],
    },
    {
      name: 'repeated seq_id values: two runs pasted together',
      round: 'v4.1',
      tree: withLog(unet, loadgenLog(range(43).map((qsl) => ({ seq_id: qsl % 40, qsl_idx: qsl, data: '00' })))),
      errors: [{ messageId: 'seqIds', message: '3 repeated seq_id values' }],
    },
    {
      name: 'a seq_id beyond the samples an accuracy run issues',
      round: 'v4.1',
      tree: withLog(unet, loadgenLog(range(43).map((qsl) => ({ seq_id: qsl + 100, qsl_idx: qsl, data: '00' })))),
      errors: [{ messageId: 'seqIds', message: 'seq_id 142, beyond the 43 samples the accuracy run issued' }],
    },
    {
      name: 'a log rewritten after the run (pretty-printed JSON) is suspicious',
      round: 'v4.1',
      tree: withLog(unet, JSON.stringify(range(43).map((qsl) => ({ seq_id: qsl, qsl_idx: qsl, data: '00' })), null, 2)),
      errors: [{ messageId: 'layout', severity: 'warning', file: logOf(unet) }],
    },
    {
      name: 'a complete log above 10 KiB that is not valid JSON',
      round: 'v6.0',
      tree: withLog(wan, coverageLog(range(248)).replace('"qsl_idx" : 100,', '"qsl_idx" 100,')),
      errors: [{ messageId: 'malformed', file: logOf(wan), line: 102, message: 'is not valid JSON' }],
    },
    {
      name: 'a truncated log: the scored sample count of accuracy.txt, then the note that coverage cannot be verified',
      round: 'v6.0',
      tree: withChanges(mitac.tree, { [`${mitac.path}/accuracy/accuracy.txt`]: String(mitac.tree[`${mitac.path}/accuracy/accuracy.txt`]).replace("'gen_num': 24576", "'gen_num': 24000") }),
      errors: [
        { messageId: 'scoredCount', severity: 'error', file: `${mitac.path}/accuracy/accuracy.txt`, message: 'scored 24000 samples (gen_num), but the accuracy run of llama2-70b-99 must cover 24576' },
        { messageId: 'truncated', severity: 'info', file: logOf(mitac), message: 'whether it covers each of the 24576 samples exactly once cannot be verified' },
      ],
    },
  ],
});
