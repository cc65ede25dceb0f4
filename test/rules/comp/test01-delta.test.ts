import rule from '../../../src/rules/comp/test01-delta.ts';
import { accuracyLog, type AccuracyRecord } from '../../support/loadgen-writer.ts';
import { testRule } from '../../support/rule-tester.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { RESNET } from '../../support/test01-fixture.ts';

// v4.1 Intel dlrm-v2-99.9 Server: TEST01 in the non-deterministic fallback, its payloads carrying the labels.
const dlrm = realResult('v4.1', 'closed/Intel/results/1-node-2S-EMR-PyTorch/dlrm-v2-99.9/Server');
const dlrmTest01 = 'closed/Intel/compliance/1-node-2S-EMR-PyTorch/dlrm-v2-99.9/Server/TEST01';
const baselineFile = `${dlrmTest01}/accuracy/baseline_accuracy.txt`;
const complianceFile = `${dlrmTest01}/accuracy/compliance_accuracy.txt`;
const accuracyRunLog = `${dlrm.path}/accuracy/mlperf_log_accuracy.json`;
const test01Log = `${dlrmTest01}/accuracy/mlperf_log_accuracy.json`;
// v6.0 RedHat whisper: TEST01 in the fallback (1 %).
const whisper = realResult('v6.0', 'closed/RedHat/results/8xH200_whisper/whisper/Offline');

/** A DLRM response: float32 (prediction, label) pairs. */
function pairs(...values: readonly [number, 0 | 1][]): Buffer {
  const data = Buffer.alloc(values.length * 8);
  values.forEach(([prediction, label], position) => {
    data.writeFloatLE(prediction, position * 8);
    data.writeFloatLE(label, position * 8 + 4);
  });
  return data;
}

const LABELS = 'Assuming loadgen accuracy log contains ground truth labels.\nParsing loadgen accuracy log...\nCalculating AUC metric...\n';
const output = (auc: string): string => `${LABELS}AUC=${auc}%, accuracy=50.000%, good=3, total=6, queries=2\n`;

// Samples 0 and 1, with a tie in sample 1: positives {0.35, 0.8, 0.5}, negatives {0.1, 0.4, 0.5}, AUC 6.5 / 9.
const sample0 = pairs([0.1, 0], [0.4, 0], [0.35, 1], [0.8, 1]);
const sample1 = pairs([0.5, 0], [0.5, 1]);
// The accuracy run also holds sample 2, which the baseline leaves out (it is not in the TEST01 log).
const accuracyRun: AccuracyRecord[] = [
  { seqId: 0, qslIdx: 2, data: pairs([0.9, 0]) },
  { seqId: 1, qslIdx: 0, data: sample0 },
  { seqId: 2, qslIdx: 1, data: sample1 },
];
function synthetic(test01: readonly AccuracyRecord[], baseline: string, compliance: string) {
  return withChanges(dlrm.tree, { [accuracyRunLog]: accuracyLog(accuracyRun), [test01Log]: accuracyLog(test01), [baselineFile]: baseline, [complianceFile]: compliance });
}
const sameOutputs = [
  { seqId: 7, qslIdx: 0, data: sample0 },
  { seqId: 9, qslIdx: 1, data: sample1 },
  { seqId: 12, qslIdx: 0, data: sample0 },
];
// Sample 0 scored 0.2 instead of 0.4 for its second negative: AUC 7.5 / 9.
const otherOutputs = [
  { seqId: 7, qslIdx: 0, data: pairs([0.1, 0], [0.2, 0], [0.35, 1], [0.8, 1]) },
  { seqId: 9, qslIdx: 1, data: sample1 },
];

testRule(rule, {
  valid: [
    { name: 'no fallback: nothing to recompute', round: 'v4.1', tree: RESNET.tree },
    { name: 'DLRM logs carrying the labels: the AUC recomputed agrees with the outputs (ties count half)', round: 'v4.1', tree: synthetic(sameOutputs, output('72.222'), output('72.222')) },
    { name: 'no official checker has the check', round: 'v4.1', profile: 'official', tree: synthetic(otherOutputs, output('72.222'), output('83.333')) },
  ],
  invalid: [
    {
      name: 'the real DLRM fallback: truncated logs',
      round: 'v4.1',
      tree: dlrm.tree,
      errors: [{ messageId: 'notRecomputed', file: complianceFile, severity: 'info', message: "The AUC values of baseline_accuracy.txt and compliance_accuracy.txt are taken as written, because TEST01's accuracy log and the accuracy run's log are truncated." }],
    },
    {
      name: 'the real whisper fallback: the metric needs the dataset',
      round: 'v6.0',
      tree: whisper.tree,
      errors: [{ messageId: 'notRecomputed', message: 'The ACCURACY values of baseline_accuracy.txt and compliance_accuracy.txt are taken as written, because recomputing them needs the ground truth of the whisper dataset, which a submission does not carry.' }],
    },
    {
      name: 'the real stable-diffusion-xl fallback: one note for both metrics',
      round: 'v5.1',
      tree: realResult('v5.1', 'closed/The_Stage/results/h100_x8/stable-diffusion-xl/server').tree,
      errors: [{ messageId: 'notRecomputed', message: 'The CLIP_SCORE and FID_SCORE values of baseline_accuracy.txt and compliance_accuracy.txt are taken as written, because recomputing them needs the ground truth of the stable-diffusion-xl dataset' }],
    },
    {
      name: 'fallback outputs 2.9 % apart beside a verify_accuracy.txt that says TEST PASS (the official checkers read no further)',
      round: 'v4.1',
      tree: withChanges(dlrm.tree, { [`${dlrmTest01}/verify_accuracy.txt`]: 'TEST PASS\n', [complianceFile]: String(dlrm.tree[complianceFile]).replace('AUC=80.306%', 'AUC=78.000%') }),
      // Findings come in line order: the note on the whole file (once per result) first.
      errors: [
        { messageId: 'notRecomputed', severity: 'info' },
        { messageId: 'deltaTooLarge', file: complianceFile, line: 4, severity: 'error', message: 'The TEST01 accuracy (AUC) differs by 2.936% between the baseline (80.290) and the performance-mode run (78.000) (as baseline_accuracy.txt and compliance_accuracy.txt give them), more than the 0.1% allowed.' },
      ],
    },
    {
      name: 'a fallback output without the metric',
      round: 'v4.1',
      tree: withChanges(dlrm.tree, { [complianceFile]: 'Calculating AUC metric...\n' }),
      errors: [{ messageId: 'noMetric', file: complianceFile, message: 'TEST01/accuracy/compliance_accuracy.txt has no AUC value' }],
    },
    {
      name: 'an output that does not match the logs it was computed from',
      round: 'v4.1',
      tree: synthetic(sameOutputs, output('72.222'), output('72.722')),
      errors: [{ messageId: 'textDisagrees', file: complianceFile, line: 4, message: 'TEST01/accuracy/compliance_accuracy.txt gives AUC 72.722, but the logs it was computed from give 72.222.' }],
    },
    {
      name: 'DLRM logs whose recomputed AUC differs by more than 0.1 %',
      round: 'v4.1',
      tree: synthetic(otherOutputs, output('72.222'), output('83.333')),
      errors: [{ messageId: 'deltaTooLarge', message: 'differs by 13.33% between the baseline (72.222) and the performance-mode run (83.333) (recomputed from the logs)' }],
    },
  ],
});
