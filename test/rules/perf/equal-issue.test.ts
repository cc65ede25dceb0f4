import rule from '../../../src/rules/perf/equal-issue.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';
import { lineOf, withEditedFile, withLogValue } from './mllog-edits.ts';

const whisper = realResult('v5.1', 'closed/Broadcom_Supermicro/results/vSYS-422GA-NBRT-B200-SXM-180GBx8_TRT/whisper/Offline');
const whisperLogPath = `${whisper.path}/performance/run_1/mlperf_log_detail.txt`;
const whisperLog = String(whisper.tree[whisperLogPath]);
const whisperOff = withChanges(whisper.tree, { [whisperLogPath]: withLogValue(whisperLog, 'effective_sample_concatenate_permutation', 'false') });

// v4.1: LoadGen 4.0 logs no effective_sample_concatenate_permutation; the mlperf.conf of the measurements folder sets it.
const unet = realResult('v4.1', 'closed/Intel/results/1-node-2S-EMR-PyTorch/3d-unet-99/Offline');
const unetConf = 'closed/Intel/measurements/1-node-2S-EMR-PyTorch/3d-unet-99/Offline/mlperf.conf';
const unetWithoutConfLine = withEditedFile(unet.tree, unetConf, (text) => text.replace('3d-unet.*.sample_concatenate_permutation = 1', '# removed'));
const gptj = realResult('v4.1', 'closed/Intel/results/1-node-2S-EMR-PyTorch/gptj-99/Offline');
const gptjConf = 'closed/Intel/measurements/1-node-2S-EMR-PyTorch/gptj-99/Offline/mlperf.conf';
const gptjWithoutConfLine = withEditedFile(gptj.tree, gptjConf, (text) => text.replace('gptj.*.sample_concatenate_permutation = 1', '# removed'));

testRule(rule, {
  valid: [
    { name: 'a real published result', round: 'v5.1', tree: whisper.tree, profile: 'official' },
    { name: 'the modular checker (v6.0+) does not check it', round: 'v6.0', tree: whisperOff, profile: 'official' },
    { name: 'v4.1: the conf file enables it', round: 'v4.1', tree: unet.tree, profile: 'official' },
    { name: 'v4.1 recommended: the conf file stands in for a log that does not say', round: 'v4.1', tree: unet.tree },
    { name: 'v4.1: the official list, broken by two missing commas, does not name gptj-99', round: 'v4.1', tree: gptjWithoutConfLine, profile: 'official' },
  ],
  invalid: [
    {
      name: 'the log shows equal-issue mode off',
      round: 'v5.1',
      profile: 'official',
      tree: whisperOff,
      errors: [{ messageId: 'notEnabled', file: whisperLogPath, line: lineOf(whisperLog, 'effective_sample_concatenate_permutation'), message: '= false' }],
    },
    {
      name: 'v4.1: no conf line enables it, and the log value never counts there',
      round: 'v4.1',
      profile: 'official',
      tree: unetWithoutConfLine,
      errors: [{ messageId: 'notInConf', message: '"3d-unet.Offline.sample_concatenate_permutation = 1"' }],
    },
    {
      name: 'v4.1 recommended: neither the log nor the conf files show it, for every flagged model',
      round: 'v4.1',
      tree: gptjWithoutConfLine,
      errors: [{ messageId: 'notShown', message: 'closed/Intel/measurements/1-node-2S-EMR-PyTorch/gptj-99/Offline' }],
    },
  ],
});
