import rule from '../../../src/rules/comp/test01-payload.ts';
import { accuracyLog } from '../../support/loadgen-writer.ts';
import { testRule } from '../../support/rule-tester.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { ACCURACY_RUN_LOG, ACCURACY_RUN_PAYLOADS, honestRecords, LOADED, payloadOf, RESNET, test01Tree, TEST01_LOG } from '../../support/test01-fixture.ts';

const honest = honestRecords();
/** A complete accuracy run covering the loaded samples, one record each (seq_ids as LoadGen gives them, in order). */
const accuracyRun = accuracyLog(LOADED.map((qslIdx, seqId) => ({ seqId, qslIdx, data: payloadOf(qslIdx) })));
const complete = (records: typeof honest) => withChanges(test01Tree(records), { [ACCURACY_RUN_LOG]: accuracyRun });

/** The honest log with one payload changed in one byte. */
function changedAt(byte: number): typeof honest {
  return honest.map((record, position) => {
    if (position !== 10) return record;
    const data = Buffer.from(record.data);
    data[byte] = ((data[byte] as number) + 1) % 256;
    return { ...record, data };
  });
}
const changed = honest[10] as (typeof honest)[number];

// v4.1 Oracle retinanet Server: the sample both truncated logs keep (qsl_idx 15034, cut in both) lists two detections
// of equal score (0.0923) in the opposite order; verify_accuracy.py compared the first byte only and passed.
const retinanet = realResult('v4.1', 'closed/Oracle/results/GH200-GraceHopper-Superchip_GH200-96GB_aarch64x1_TRT/retinanet/Server');
const retinanetLog = 'closed/Oracle/compliance/GH200-GraceHopper-Superchip_GH200-96GB_aarch64x1_TRT/retinanet/Server/TEST01/accuracy/mlperf_log_accuracy.json';
// v4.1 Intel dlrm-v2-99.9 Server: TEST01 in the non-deterministic fallback.
const dlrm = realResult('v4.1', 'closed/Intel/results/1-node-2S-EMR-PyTorch/dlrm-v2-99.9/Server');

testRule(rule, {
  valid: [
    { name: 'complete logs with the same responses', round: 'v4.1', tree: complete(honest) },
    { name: 'the non-deterministic fallback: the responses may differ', round: 'v4.1', tree: dlrm.tree },
    { name: 'no official checker has the check', round: 'v4.1', profile: 'official', tree: complete(changedAt(3)) },
  ],
  invalid: [
    {
      name: 'a response that differs after its first byte (verify_accuracy.py does not see it)',
      round: 'v4.1',
      tree: complete(changedAt(3)),
      errors: [{ messageId: 'mismatch', file: TEST01_LOG, line: 12, severity: 'error', message: `1 of the ${honest.length} responses in TEST01/accuracy/mlperf_log_accuracy.json differ from the accuracy run's response for the same sample (seq_id:qsl_idx ${changed.seqId}:${changed.qslIdx}; seq_id ${changed.seqId} at byte 3); verify_accuracy.py, which compares only the first byte of each (data[0] with its default --dtype byte), sees none of them.` }],
    },
    {
      name: 'a response that differs in its first byte (verify_accuracy.py sees it too)',
      round: 'v4.1',
      tree: complete(changedAt(0)),
      errors: [{ messageId: 'mismatch', message: 'sees them all' }],
    },
    {
      name: 'real truncated logs: the few responses both keep are compared',
      round: 'v4.1',
      tree: RESNET.tree,
      errors: [{ messageId: 'truncated', file: TEST01_LOG, severity: 'info', message: "7 of TEST01's responses could be compared with the accuracy run's (0 of them only as far as truncation kept them): TEST01's accuracy log and the accuracy run's log are truncated" }],
    },
    {
      name: 'a complete TEST01 log against the real truncated accuracy log, with a known response changed',
      round: 'v4.1',
      tree: test01Tree(honest.map((record) => (record.qslIdx === [...ACCURACY_RUN_PAYLOADS.keys()].find((qsl) => honest.some((other) => other.qslIdx === qsl)) ? { ...record, data: Buffer.alloc(8, 1) } : record))),
      // Findings come in file and line order: the note on the whole log first.
      errors: [
        { messageId: 'truncated', message: "the accuracy run's log is truncated, and the responses" },
        { messageId: 'mismatch', message: 'sees them all' },
      ],
    },
    {
      name: 'real truncated logs whose common sample lists two detections in another order',
      round: 'v4.1',
      tree: retinanet.tree,
      errors: [
        { messageId: 'truncated', message: "1 of TEST01's responses could be compared with the accuracy run's (1 of them only as far as truncation kept them)" },
        { messageId: 'mismatch', file: retinanetLog, line: 4, message: '1 of the 1 responses in TEST01/accuracy/mlperf_log_accuracy.json differ from the accuracy run\'s response for the same sample (seq_id:qsl_idx 10704:15034; seq_id 10704 at byte 424); verify_accuracy.py, which compares only the first byte of each (data[0] with its default --dtype byte), sees none of them.' },
      ],
    },
    {
      name: 'an accuracy run log in another JSON layout',
      round: 'v4.1',
      tree: withChanges(complete(honest), { [ACCURACY_RUN_LOG]: JSON.stringify([{ seq_id: 0, qsl_idx: 1, data: 'AA' }], null, 2) }),
      errors: [{ messageId: 'cannotVerify', file: ACCURACY_RUN_LOG, severity: 'info', message: "because the accuracy run's log holds no record in LoadGen's one-record-a-line form" }],
    },
  ],
});
