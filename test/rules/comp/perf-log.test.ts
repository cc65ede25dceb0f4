import rule from '../../../src/rules/comp/perf-log.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';
import { errorEvent, lineOf, withLogValue } from '../perf/mllog-edits.ts';

const RUN_LOG = 'performance/run_1/mlperf_log_detail.txt';

// v5.1 (separate layout): whisper requires TEST01.
const whisper = realResult('v5.1', 'closed/Broadcom_Supermicro/results/vSYS-422GA-NBRT-B200-SXM-180GBx8_TRT/whisper/Offline');
const test01LogPath = `closed/Broadcom_Supermicro/compliance/vSYS-422GA-NBRT-B200-SXM-180GBx8_TRT/whisper/Offline/TEST01/${RUN_LOG}`;
const test01Log = String(whisper.tree[test01LogPath]);
const editTest01 = (text: string | undefined) => withChanges(whisper.tree, { [test01LogPath]: text });
const multipleConfFiles = editTest01(
  withLogValue(`${test01Log.trimEnd()}\n${errorEvent('error_invalid_config', 'Multiple conf files are used. This is not valid for official submission.')}\n`, 'num_errors', '1'),
);

// v6.0 (unified layout): the TEST01 folder is in the result folder.
const whisper60 = realResult('v6.0', 'closed/RedHat/results/8xH200_whisper/whisper/Offline');
const test01LogPath60 = `${whisper60.path}/TEST01/${RUN_LOG}`;
const invalidTest01 = withChanges(whisper60.tree, { [test01LogPath60]: withLogValue(String(whisper60.tree[test01LogPath60]), 'result_validity', '"INVALID"') });

// v4.1: resnet requires TEST01, TEST04 and TEST05; TEST05 runs with the round's alternate seeds.
const resnet = realResult('v4.1', 'closed/Intel/results/1-node-2S-EMR-PyTorch/resnet50/Offline');
const test05LogPath = `closed/Intel/compliance/1-node-2S-EMR-PyTorch/resnet50/Offline/TEST05/${RUN_LOG}`;
const test05Log = String(resnet.tree[test05LogPath]);

testRule(rule, {
  valid: [
    { name: 'a real published result (v5.1)', round: 'v5.1', tree: whisper.tree, profile: 'official' },
    { name: 'a real published result (v6.0)', round: 'v6.0', tree: whisper60.tree, profile: 'official' },
    { name: 'TEST05 runs use the alternate seeds (v4.1)', round: 'v4.1', tree: resnet.tree, profile: 'official' },
    { name: 'a missing compliance log is comp/required-files\' finding', round: 'v5.1', tree: editTest01(undefined) },
    { name: 'the modular checker does not check validity, in compliance runs either', round: 'v6.0', tree: invalidTest01, profile: 'official' },
    { name: 'the recommended profile tolerates the second conf file the compliance instructions load', round: 'v5.1', tree: multipleConfFiles },
  ],
  invalid: [
    {
      name: 'a wrong seed in the TEST01 run',
      round: 'v5.1',
      profile: 'official',
      tree: editTest01(withLogValue(test01Log, 'effective_qsl_rng_seed', '1')),
      errors: [{ messageId: 'failed', file: test01LogPath, line: lineOf(test01Log, 'effective_qsl_rng_seed'), unit: whisper.path, message: 'The TEST01 performance run fails perf/seeds: The performance run used effective_qsl_rng_seed = 1' }],
    },
    {
      name: 'the monolith rejects any LoadGen error in a compliance run',
      round: 'v5.1',
      profile: 'official',
      tree: multipleConfFiles,
      errors: [{ messageId: 'failed', file: test01LogPath, message: 'fails perf/loadgen-errors: LoadGen logged 1 error(s)' }],
    },
    {
      name: 'an INVALID compliance run (recommended)',
      round: 'v6.0',
      tree: invalidTest01,
      errors: [{ messageId: 'failed', file: test01LogPath60, message: 'TEST01 performance run fails perf/result-valid' }],
    },
    {
      name: 'TEST05 run with the regular seeds (v4.1)',
      round: 'v4.1',
      profile: 'official',
      tree: withChanges(resnet.tree, { [test05LogPath]: withLogValue(test05Log, 'effective_schedule_rng_seed', '14962580496156340209') }),
      errors: [{ messageId: 'failed', file: test05LogPath, message: 'but the TEST05 value of round v4.1 is 5435552105434836064' }],
    },
    {
      name: 'a compliance log that is not an MLLOG file',
      round: 'v5.1',
      profile: 'official',
      tree: editTest01(''),
      errors: [{ messageId: 'failed', file: test01LogPath, message: 'fails perf/log-parse: The performance log is empty' }],
    },
  ],
});
