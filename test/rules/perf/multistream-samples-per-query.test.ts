import rule from '../../../src/rules/perf/multistream-samples-per-query.ts';
import type { MemoryNode } from '../../../src/tree/memory-fs.ts';
import { realResult } from '../../support/shared-data.ts';
import { moved } from '../../support/tree-edits.ts';
import { testRule } from '../../support/rule-tester.ts';
import { lineOf, withEditedFile, withLogValue } from './mllog-edits.ts';

const RUN_LOG = 'performance/run_1/mlperf_log_detail.txt';
const SAMPLES = 'effective_samples_per_query';

const closed = realResult('v4.1', 'closed/UntetherAI/results/h13_u1_preview/resnet50/multistream');
const closedLog = `${closed.path}/${RUN_LOG}`;
const withSamples = (value: string | undefined) => withEditedFile(closed.tree, closedLog, (log) => withLogValue(log, SAMPLES, value));
/** The same result filed in the open division. */
const inOpen = (tree: Record<string, MemoryNode>) => moved(tree, 'closed/UntetherAI', 'open/UntetherAI');
const openLog = closedLog.replace(/^closed\//, 'open/');

testRule(rule, {
  valid: [
    { name: 'a real closed MultiStream result (8 samples per query)', round: 'v4.1', tree: closed.tree },
    { name: 'no official checker looks (official profile)', round: 'v4.1', profile: 'official', tree: withSamples('16') },
  ],
  invalid: [
    {
      name: 'a closed MultiStream run with 16 samples per query',
      round: 'v4.1',
      tree: withSamples('16'),
      errors: [{ messageId: 'changed', file: closedLog, line: lineOf(String(closed.tree[closedLog]), SAMPLES), severity: 'error', message: 'issued 16 samples per query (effective_samples_per_query), not the 8' }],
    },
    {
      name: 'an open one is noted',
      round: 'v4.1',
      tree: inOpen(withSamples('4')),
      errors: [{ messageId: 'changedOpen', file: openLog, severity: 'info', message: 'issued 4 samples per query' }],
    },
    {
      name: 'no samples per query in the log',
      round: 'v4.1',
      tree: inOpen(withSamples(undefined)),
      errors: [{ messageId: 'noSamplesPerQuery', file: openLog, severity: 'info' }],
    },
  ],
});
