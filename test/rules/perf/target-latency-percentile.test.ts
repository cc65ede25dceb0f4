import rule from '../../../src/rules/perf/target-latency-percentile.ts';
import { realResult } from '../../support/shared-data.ts';
import { wanEndpoints } from '../../support/endpoints.ts';
import { testRule } from '../../support/rule-tester.ts';
import { moved } from '../../support/tree-edits.ts';
import { lineOf, withEditedFile, withLogValue } from './mllog-edits.ts';

const RUN_LOG = 'performance/run_1/mlperf_log_detail.txt';
const PERCENTILE = 'effective_target_latency_percentile';

const server = realResult('v4.1', 'closed/Intel/results/1-node-2S-EMR-PyTorch/resnet50/Server');
const serverLog = `${server.path}/${RUN_LOG}`;
const withPercentile = (value: string | undefined) => withEditedFile(server.tree, serverLog, (log) => withLogValue(log, PERCENTILE, value));
// An open SingleStream result (90th percentile).
const single = realResult('v5.1', 'open/Lenovo/results/se100_ultra7_255h/resnet50/SingleStream');
const singleLog = `${single.path}/${RUN_LOG}`;
/** The SingleStream result as pointpainting, whose mlperf.conf measures the 99.9th percentile. */
const pointpainting = moved(single.tree, 'open/Lenovo/results/se100_ultra7_255h/resnet50', 'open/Lenovo/results/se100_ultra7_255h/pointpainting');

testRule(rule, {
  valid: [
    { name: 'a real Server result (99th percentile)', round: 'v4.1', tree: server.tree },
    { name: 'a real SingleStream result (90th percentile)', round: 'v5.1', tree: single.tree },
    { name: 'an endpoints result is configured without a latency percentile', round: 'v6.1', tree: wanEndpoints().tree },
    { name: 'no official checker looks (official profile)', round: 'v4.1', profile: 'official', tree: withPercentile('0.9') },
  ],
  invalid: [
    {
      name: 'a closed Server run measured at the 90th percentile',
      round: 'v4.1',
      tree: withPercentile('0.9'),
      errors: [{ messageId: 'changed', file: serverLog, line: lineOf(String(server.tree[serverLog]), PERCENTILE), severity: 'error', message: 'at the 90th percentile (effective_target_latency_percentile), not the 99th that mlperf.conf sets for resnet' }],
    },
    {
      name: 'pointpainting measures SingleStream at the 99.9th percentile; open results get an info',
      round: 'v5.1',
      tree: pointpainting,
      errors: [{ messageId: 'changedOpen', severity: 'info', file: 'open/Lenovo/results/se100_ultra7_255h/pointpainting/SingleStream/performance/run_1/mlperf_log_detail.txt', message: 'at the 90th percentile (effective_target_latency_percentile), not the 99.9th that mlperf.conf sets for pointpainting' }],
    },
    {
      name: 'no percentile in the log',
      round: 'v5.1',
      tree: withEditedFile(single.tree, singleLog, (log) => withLogValue(log, PERCENTILE, undefined)),
      errors: [{ messageId: 'noPercentile', severity: 'info', file: singleLog }],
    },
  ],
});
