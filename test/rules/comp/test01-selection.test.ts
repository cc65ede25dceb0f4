import { SELECTION_DRAW_BUDGET } from '../../../src/checkers/inference/loadgen-sampling.ts';
import rule from '../../../src/rules/comp/test01-selection.ts';
import { withEvents } from '../../support/loadgen-writer.ts';
import { testRule } from '../../support/rule-tester.ts';
import { withChanges } from '../../support/shared-data.ts';
import { DETAIL_EVENTS, honestRecords, ISSUED, LOADED, LOGGED_SEQ_IDS, RESNET, test01Tree, TEST01_DETAIL, TEST01_LOG, TEST01_VERIFY, unloggedSeqId } from '../../support/test01-fixture.ts';

const honest = honestRecords();
const removedSeqId = LOGGED_SEQ_IDS[100] as number;
const added = unloggedSeqId();
// Sample 49999 is not among the 1024 samples the run loaded.
const foreignQsl = 49999;
const wrongPosition = LOADED[(((honest[5]?.seqId as number) % LOADED.length) + 1) % LOADED.length] as number;
const verifyReport = String(RESNET.tree[TEST01_VERIFY]);
// Past SELECTION_DRAW_BUDGET: only --exhaustive re-draws a run this long.
const LONG_RUN = 100_000_000;

testRule(rule, {
  valid: [
    { name: 'the complete log LoadGen wrote (the golden selection)', round: 'v4.1', tree: test01Tree(honest) },
    { name: 'the complete log with its detail log written again by the LoadGen-format writer', round: 'v4.1', tree: test01Tree(honest, DETAIL_EVENTS) },
    { name: 'no official checker has the check', round: 'v4.1', profile: 'official', tree: test01Tree(honest.slice(1)) },
  ],
  invalid: [
    {
      name: 'one entry removed',
      round: 'v4.1',
      tree: test01Tree(honest.filter((record) => record.seqId !== removedSeqId)),
      errors: [{ messageId: 'deleted', file: TEST01_LOG, unit: RESNET.path, severity: 'error', message: `lacks 1 of the 4141 responses LoadGen logged in this run (p = 4096 / expected_queries = ${4096 / ISSUED}; ${ISSUED} samples issued): seq_id ${removedSeqId}.` }],
    },
    {
      name: 'one entry added',
      round: 'v4.1',
      tree: test01Tree([...honest, { seqId: added, qslIdx: LOADED[added % LOADED.length] as number, data: Buffer.alloc(8) }]),
      errors: [{ messageId: 'added', file: TEST01_LOG, line: honest.length + 2, message: `holds 1 entries LoadGen did not log in this run (1 not chosen by LoadGen's sampling` }],
    },
    {
      name: 'an entry beyond the samples issued, and one repeated',
      round: 'v4.1',
      tree: test01Tree([...honest, { seqId: ISSUED + 7, qslIdx: LOADED[7] as number, data: Buffer.alloc(8) }, honest[3] as (typeof honest)[number]]),
      errors: [{ messageId: 'added', message: `1 beyond the ${ISSUED} samples issued (result_query_count 1 × generated_samples_per_query ${ISSUED}), 1 repeating a seq_id already logged): seq_id ${ISSUED + 7}, ${honest[3]?.seqId}.` }],
    },
    {
      name: 'an entry for a sample outside the performance sample set',
      round: 'v4.1',
      tree: test01Tree(honest.map((record, position) => (position === 5 ? { ...record, qslIdx: foreignQsl } : record))),
      errors: [{ messageId: 'foreignSample', file: TEST01_LOG, line: 7, message: `not in the run's performance sample set (loaded_qsl_set, 1024 samples): seq_id:qsl_idx ${honest[5]?.seqId}:${foreignQsl}.` }],
    },
    {
      name: 'an Offline entry for a loaded sample LoadGen did not issue at that seq_id (the log says the query is not permuted)',
      round: 'v4.1',
      tree: test01Tree(
        honest.map((record, position) => (position === 5 ? { ...record, qslIdx: wrongPosition } : record)),
        withEvents(DETAIL_EVENTS, { effective_sample_concatenate_permutation: false }),
      ),
      errors: [{ messageId: 'foreignSample', line: 7, message: 'the Offline query repeats loaded_qsl_set in order, so seq_id s is sample loaded_qsl_set[s mod 1024]' }],
    },
    {
      name: 'the real truncated log: its survivors are checked, and the count of verify_accuracy.txt agrees',
      round: 'v4.1',
      tree: RESNET.tree,
      errors: [{ messageId: 'truncated', file: TEST01_LOG, severity: 'info', message: 'its 115 surviving entries were checked against the 4141 responses LoadGen logged' }],
    },
    {
      name: 'a truncated log whose verify_accuracy.txt counted one entry fewer than LoadGen logged',
      round: 'v4.1',
      tree: withChanges(RESNET.tree, { [TEST01_VERIFY]: verifyReport.replace('num_perf_log_entries = 4141', 'num_perf_log_entries = 4140') }),
      errors: [{ messageId: 'countMismatch', file: TEST01_VERIFY, line: 7, severity: 'error', message: 'counted 4140 entries' }],
    },
    {
      name: 'a run without a sampling target cannot be checked',
      round: 'v4.1',
      tree: test01Tree(honest, withEvents(DETAIL_EVENTS, { effective_accuracy_log_sampling_target: 0 })),
      errors: [{ messageId: 'cannotVerify', file: TEST01_DETAIL, severity: 'info', message: 'neither an accuracy_log_sampling_target nor an accuracy_log_probability' }],
    },
    {
      name: 'a run that logged no result cannot be checked: how many samples it issued is unknown',
      round: 'v4.1',
      tree: test01Tree(honest, DETAIL_EVENTS.filter((event) => event.key !== 'result_query_count')),
      errors: [{ messageId: 'cannotVerify', severity: 'info', message: 'because the detail log lacks values the sampling depends on (result_query_count).' }],
    },
    {
      name: 'a run of 100 million samples is beyond the draw budget',
      round: 'v4.1',
      tree: test01Tree(honest, withEvents(DETAIL_EVENTS, { generated_samples_per_query: LONG_RUN })),
      errors: [{ messageId: 'cannotVerify', file: TEST01_DETAIL, severity: 'info', message: `LoadGen issued ${LONG_RUN} samples (result_query_count 1 × generated_samples_per_query ${LONG_RUN}) and re-drawing each one's selection is beyond the budget of ${SELECTION_DRAW_BUDGET} draws; run with --exhaustive` }],
    },
    {
      name: 'with --exhaustive the long run is checked: the entries LoadGen logged past the first 16.6 million samples are missing',
      round: 'v4.1',
      exhaustive: true,
      tree: test01Tree(honest, withEvents(DETAIL_EVENTS, { generated_samples_per_query: LONG_RUN })),
      errors: [{ messageId: 'deleted', file: TEST01_LOG, severity: 'error', message: `${LONG_RUN} samples issued` }],
    },
    {
      name: 'a Windows build of LoadGen cannot be checked',
      round: 'v4.1',
      tree: test01Tree(honest, DETAIL_EVENTS, { sourceFile: 'C:\\mlperf\\inference\\loadgen\\version.cc' }),
      errors: [{ messageId: 'cannotVerify', severity: 'info', message: 'LoadGen was built on Windows' }],
    },
  ],
});
