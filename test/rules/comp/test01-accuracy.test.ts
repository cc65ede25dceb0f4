import rule from '../../../src/rules/comp/test01-accuracy.ts';
import { realResult, withChanges, without } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

// Deterministic mode: verify_accuracy.txt says TEST PASS (v4.1, the monolith).
const resnet = realResult('v4.1', 'closed/Intel/results/1-node-2S-EMR-PyTorch/resnet50/Offline');
const resnetTest01 = 'closed/Intel/compliance/1-node-2S-EMR-PyTorch/resnet50/Offline/TEST01';
const resnetReport = String(resnet.tree[`${resnetTest01}/verify_accuracy.txt`]);

// Non-deterministic fallback, monolith (v4.1 dlrm-v2-99.9, 0.1 % tolerance) and modular (v6.0 whisper, 1 %).
const dlrm = realResult('v4.1', 'closed/Intel/results/1-node-2S-EMR-PyTorch/dlrm-v2-99.9/Server');
const dlrmTest01 = 'closed/Intel/compliance/1-node-2S-EMR-PyTorch/dlrm-v2-99.9/Server/TEST01';
const whisper = realResult('v6.0', 'closed/RedHat/results/8xH200_whisper/whisper/Offline');
const whisperTest01 = `${whisper.path}/TEST01`;

// SDXL in the fallback (v5.1 tree; also audited as v5.0, whose monolith used 1 % for FID instead of 2 %).
const sdxl = realResult('v5.1', 'closed/The_Stage/results/h100_x8/stable-diffusion-xl/server');
const sdxlCompliance = 'closed/The_Stage/compliance/h100_x8/stable-diffusion-xl/server/TEST01/accuracy/compliance_accuracy.txt';
// Baseline FID 174.55124971428336: a compliance FID of 177.2094 differs by 1.5 %.
const sdxlFid15 = withChanges(sdxl.tree, { [sdxlCompliance]: "{'FID_SCORE': '177.2094', 'CLIP_SCORE': '32.06660823216514'}" });

testRule(rule, {
  valid: [
    { name: 'a real passing TEST01 (monolith)', round: 'v4.1', profile: 'official', tree: resnet.tree },
    { name: 'a real fallback within 0.1 % (monolith)', round: 'v4.1', profile: 'official', tree: dlrm.tree },
    { name: 'a real fallback within 1 % (modular)', round: 'v6.0', profile: 'official', tree: whisper.tree },
    { name: 'a real SDXL fallback within CLIP 1 % and FID 2 %', round: 'v5.1', profile: 'official', tree: sdxl.tree },
    { name: 'FID 1.5 % apart passes the v5.1.1 monolith (the per-metric tolerance is found)', round: 'v5.1', profile: 'official', tree: sdxlFid15 },
    { name: 'FID 1.5 % apart passes in the recommended profile of v5.0', round: 'v5.0', tree: sdxlFid15 },
    {
      name: 'the modular checker does not look at TEST01/accuracy when the report passes',
      round: 'v6.0',
      profile: 'official',
      tree: withChanges(without(whisper.tree, `${whisperTest01}/accuracy`), { [`${whisperTest01}/verify_accuracy.txt`]: 'TEST PASS\n' }),
    },
    {
      name: 'the recommended profile accepts the fallback files beside a passing report',
      round: 'v4.1',
      tree: withChanges(dlrm.tree, { [`${dlrmTest01}/verify_accuracy.txt`]: 'TEST PASS\n' }),
    },
    { name: 'a missing report is left to comp/required-files', round: 'v4.1', tree: without(resnet.tree, `${resnetTest01}/verify_accuracy.txt`) },
  ],
  invalid: [
    {
      name: 'the monolith wants only the log and accuracy.txt beside a passing report',
      round: 'v4.1',
      profile: 'official',
      tree: withChanges(dlrm.tree, { [`${dlrmTest01}/verify_accuracy.txt`]: 'TEST PASS\n' }),
      errors: [
        { messageId: 'unexpectedFile', file: `${dlrmTest01}/accuracy/baseline_accuracy.txt`, unit: dlrm.path },
        { messageId: 'unexpectedFile', file: `${dlrmTest01}/accuracy/compliance_accuracy.txt` },
      ],
    },
    {
      name: 'a passing report without TEST01/accuracy (monolith)',
      round: 'v4.1',
      profile: 'official',
      tree: without(resnet.tree, `${resnetTest01}/accuracy`),
      errors: [{ messageId: 'noAccuracyFolder', file: resnetTest01, message: 'mlperf_log_accuracy.json, accuracy.txt' }],
    },
    {
      name: 'the fallback without compliance_accuracy.txt (modular)',
      round: 'v6.0',
      profile: 'official',
      tree: without(whisper.tree, `${whisperTest01}/accuracy/compliance_accuracy.txt`),
      errors: [{ messageId: 'missingFile', file: `${whisperTest01}/accuracy`, message: 'it says "TEST FAIL"' }],
    },
    {
      name: 'the modular checker wants TEST PASS on a line of its own',
      round: 'v6.0',
      profile: 'official',
      tree: withChanges(without(whisper.tree, `${whisperTest01}/accuracy/baseline_accuracy.txt`), { [`${whisperTest01}/verify_accuracy.txt`]: 'Accuracy check: TEST PASS (edited)\n' }),
      errors: [{ messageId: 'missingFile', message: 'no TEST PASS line' }],
    },
    {
      name: 'baseline and compliance accuracy more than 1 % apart',
      round: 'v6.0',
      profile: 'official',
      tree: withChanges(whisper.tree, { [`${whisperTest01}/accuracy/compliance_accuracy.txt`]: 'Word Error Rate: 4.0%, accuracy=96.0%\n' }),
      errors: [{ messageId: 'deltaTooLarge', file: `${whisperTest01}/accuracy/compliance_accuracy.txt`, line: 1, message: '(ACCURACY) differs by 2.198%' }],
    },
    {
      name: 'FID 1.5 % apart fails the v5.0 monolith, which used 1 % for every metric (issue #2336)',
      round: 'v5.0',
      profile: 'official',
      tree: sdxlFid15,
      errors: [{ messageId: 'deltaTooLarge', file: sdxlCompliance, message: 'more than the 1% allowed' }],
    },
    {
      name: 'a baseline without the metric',
      round: 'v6.0',
      profile: 'official',
      tree: withChanges(whisper.tree, { [`${whisperTest01}/accuracy/baseline_accuracy.txt`]: 'WER could not be computed\n' }),
      errors: [{ messageId: 'noMetric', file: `${whisperTest01}/accuracy/baseline_accuracy.txt`, message: 'ACCURACY' }],
    },
    {
      name: 'a report Python cannot decode',
      round: 'v4.1',
      tree: withChanges(resnet.tree, { [`${resnetTest01}/verify_accuracy.txt`]: Buffer.from([0xc3, 0x28, 0x0a]) }),
      errors: [{ messageId: 'unreadable', file: `${resnetTest01}/verify_accuracy.txt` }],
    },
    {
      name: 'TEST PASS against its own counters (recommended profile)',
      round: 'v4.1',
      tree: withChanges(resnet.tree, { [`${resnetTest01}/verify_accuracy.txt`]: resnetReport.replace('num_perf_log_data_mismatch = 0', 'num_perf_log_data_mismatch = 3') }),
      errors: [{ messageId: 'contradicts', file: `${resnetTest01}/verify_accuracy.txt`, line: 9, message: 'num_perf_log_data_mismatch = 3' }],
    },
  ],
});
