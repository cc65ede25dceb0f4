import { describe, expect, it } from 'vitest';
import type { MemoryNode } from '../../src/tree/memory-fs.ts';
import { auditTree } from '../support/audit-tree.ts';
import { realResult, withChanges, without, type RealResult } from '../support/shared-data.ts';

type Tree = Record<string, MemoryNode>;

/** Official verdict lines of a tree in a round. */
async function verdicts(round: string, tree: Tree): Promise<string[]> {
  return (await auditTree(tree, { round, profile: 'official' })).lines;
}

/** One tree holding several real results of a round (a closed benchmark needs its required scenarios). */
function results(round: string, ...paths: string[]): { tree: Tree; results: RealResult[] } {
  const found = paths.map((path) => realResult(round, path));
  return { tree: Object.assign({}, ...found.map((result) => result.tree)) as Tree, results: found };
}

const text = (tree: Tree, path: string): string => String(tree[path]);
const edit = (tree: Tree, path: string, change: (content: string) => string): Tree => withChanges(tree, { [path]: change(text(tree, path)) });
const acc = (result: RealResult, file: string): string => `${result.path}/accuracy/${file}`;

const ERROR_EVENT =
  ':::MLLOG {"key": "error_runtime", "value": "Mismatch in sample count", "time_ms": 1.0, "namespace": "mlperf::logging", "event_type": "POINT_IN_TIME", "metadata": {"is_error": true, "is_warning": false, "file": "loadgen.cc", "line_no": 1, "pid": 1, "tid": 1}}\n';
const FULL_LOG = `[\n${Array.from({ length: 200 }, (_, index) => `{ "seq_id" : ${index}, "qsl_idx" : ${index}, "data" : "${'0A'.repeat(32)}" }`).join(',\n')}\n]\n`;
const withoutHash = (content: string): string => content.replace(/^hash=.*$/m, '');

// Monolith (v4.1): a closed benchmark with both required datacenter scenarios.
const intel = results('v4.1', 'closed/Intel/results/1-node-2S-EMR-PyTorch/resnet50/Offline', 'closed/Intel/results/1-node-2S-EMR-PyTorch/resnet50/Server');
const [intelOffline] = intel.results as [RealResult];
const INTEL_OFFLINE = 'closed/Intel/results/1-node-2S-EMR-PyTorch/resnet50/Offline';
const INTEL_SERVER = 'Results closed/Intel/results/1-node-2S-EMR-PyTorch/resnet50/Server 22501.8';
const hpe = realResult('v4.1', 'open/HPE/results/HPE_Cray_XD670_H100_SXM_80GBx8_TRT/gptj-99.9/Offline');
const HPE_ACCEPTED = ['Results open/HPE/results/HPE_Cray_XD670_H100_SXM_80GBx8_TRT/gptj-99.9/Offline 19889.7'];
// Monolith (v5.1).
const redhat = results('v5.1', 'closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b/Offline', 'closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b/Server');
const [redhatOffline] = redhat.results as [RealResult];
const REDHAT_OFFLINE = 'closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b/Offline';
const REDHAT_SERVER = 'Results closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b/Server 5103.99';
const lenovo = realResult('v5.1', 'open/Lenovo/results/se100_ultra7_255h/resnet50/Offline');
const LENOVO_ACCEPTED = ['Results open/Lenovo/results/se100_ultra7_255h/resnet50/Offline 757.865'];
const LENOVO_REJECTED = ['NoResults open/Lenovo/results/se100_ultra7_255h/resnet50/Offline'];
// Modular (v6.0).
const whisper = realResult('v6.0', 'closed/RedHat/results/8xH200_whisper/whisper/Offline');
const WHISPER_ACCEPTED = ['Results closed/RedHat/results/8xH200_whisper/whisper/Offline 36395.7'];
const WHISPER_REJECTED = ['NoResults closed/RedHat/results/8xH200_whisper/whisper/Offline'];
const amd = realResult('v6.0', 'open/AMD/results/8xMI355X_2xEPYC_9575F/llama3.1-405b/Offline');
const AMD_ACCEPTED = ['Results open/AMD/results/8xMI355X_2xEPYC_9575F/llama3.1-405b/Offline 2011.17'];
const AMD_REJECTED = ['NoResults open/AMD/results/8xMI355X_2xEPYC_9575F/llama3.1-405b/Offline'];

describe('the real results, unchanged, are accepted', () => {
  it.each([
    ['v4.1', intel.tree, ['Results closed/Intel/results/1-node-2S-EMR-PyTorch/resnet50/Offline 25204.5', INTEL_SERVER]],
    ['v4.1', hpe.tree, HPE_ACCEPTED],
    ['v5.1', redhat.tree, ['Results closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b/Offline 5777.08', REDHAT_SERVER]],
    ['v5.1', lenovo.tree, LENOVO_ACCEPTED],
    ['v6.0', whisper.tree, WHISPER_ACCEPTED],
    ['v6.0', amd.tree, AMD_ACCEPTED],
  ] as const)('%s %#', async (round, tree, expected) => {
    expect(await verdicts(round, tree)).toEqual(expected);
  });
});

describe('acc/metric-threshold', () => {
  it('rejects a closed result below its target', async () => {
    // M41 check_accuracy_dir: "accuracy not met" → accuracy_is_valid False → "is OK but accuracy has issues",
    // results[name] = None (no measurements key).
    expect(await verdicts('v4.1', edit(intel.tree, acc(intelOffline, 'accuracy.txt'), (content) => content.replace('accuracy=75.730%', 'accuracy=70.000%')))).toEqual([
      `NoResults ${INTEL_OFFLINE}`,
      INTEL_SERVER,
    ]);
    // NEW accuracy_result_check returns False → the accuracy checks fail → NoResults.
    expect(await verdicts('v6.0', edit(whisper.tree, acc(whisper, 'accuracy.txt'), (content) => content.replace('accuracy=98.11090914281908%', 'accuracy=90.5%')))).toEqual(WHISPER_REJECTED);
  });

  it('rejects a closed result whose accuracy.txt lacks a metric', async () => {
    // NEW: acc_seen stays False for the metric → is_valid False.
    expect(await verdicts('v6.0', edit(whisper.tree, acc(whisper, 'accuracy.txt'), (content) => content.replace(/^Word Error Rate.*$/m, 'WER computed')))).toEqual(WHISPER_REJECTED);
  });

  it('rejects a result whose value float() cannot read', async () => {
    // M41: float("75.7.30") raises inside check_accuracy_dir, outside any try: the monolith crashes; we reject the result.
    expect(await verdicts('v4.1', edit(intel.tree, acc(intelOffline, 'accuracy.txt'), (content) => content.replace('75.730', '75.7.30')))).toEqual([`NoResults ${INTEL_OFFLINE}`, INTEL_SERVER]);
  });

  it('follows each checker on open results without any metric', async () => {
    const noMetric = (result: RealResult, tree: Tree) => withChanges(tree, { [acc(result, 'accuracy.txt')]: 'hash=0123abcd\n' });
    // M41: `if not accuracy_is_valid and not is_closed_or_network: accuracy_is_valid = True`.
    expect(await verdicts('v4.1', noMetric(hpe, hpe.tree))).toEqual(HPE_ACCEPTED);
    // M511: `... and acc and not is_closed_or_network`: acc is empty, the open result is rejected.
    expect(await verdicts('v5.1', noMetric(lenovo, lenovo.tree))).toEqual(LENOVO_REJECTED);
    // NEW accuracy_result_check: `if self.division.lower() == "open": return True`.
    expect(await verdicts('v6.0', noMetric(amd, amd.tree))).toEqual(AMD_ACCEPTED);
  });
});

describe('acc/upper-limit', () => {
  it('rejects a closed result above an upper limit', async () => {
    // M511 check_accuracy_dir: "accuracy not met: upper limit" → acc_limit_check False → "accuracy has issues".
    const tree = edit(redhat.tree, acc(redhatOffline, 'accuracy.txt'), (content) => content.replace("'gen_len': 8163079", "'gen_len': 9500000"));
    expect(await verdicts('v5.1', tree)).toEqual([`NoResults ${REDHAT_OFFLINE}`, REDHAT_SERVER]);
  });
});

describe('acc/hash', () => {
  it('rejects a closed result without the hash line', async () => {
    // M511: "not hash value for mlperf_log_accuracy.json" → is_valid False.
    expect(await verdicts('v5.1', edit(redhat.tree, acc(redhatOffline, 'accuracy.txt'), withoutHash))).toEqual([`NoResults ${REDHAT_OFFLINE}`, REDHAT_SERVER]);
  });

  it('lets open results through', async () => {
    // M511: a metric was read (acc non-empty), so the open result is taken.
    expect(await verdicts('v5.1', edit(lenovo.tree, acc(lenovo, 'accuracy.txt'), withoutHash))).toEqual(LENOVO_ACCEPTED);
    // NEW: the error is logged, then `return True` for open.
    expect(await verdicts('v6.0', edit(amd.tree, acc(amd, 'accuracy.txt'), withoutHash))).toEqual(AMD_ACCEPTED);
  });
});

describe('acc/json-exists', () => {
  it('rejects a result without its accuracy log', async () => {
    // M41: files_diff(accuracy/, REQUIRED_ACC_FILES) → "has file list mismatch" → continue (results[name] stays None).
    expect(await verdicts('v4.1', without(intel.tree, acc(intelOffline, 'mlperf_log_accuracy.json')))).toEqual([`NoResults ${INTEL_OFFLINE}`, INTEL_SERVER]);
    // NEW accuracy_json_check: "is missing" → False, in every division.
    expect(await verdicts('v6.0', without(amd.tree, acc(amd, 'mlperf_log_accuracy.json')))).toEqual(AMD_REJECTED);
  });
});

describe('acc/json-truncated', () => {
  it('rejects a result whose accuracy log was not truncated', async () => {
    // NEW accuracy_json_check: st_size > MAX_ACCURACY_LOG_SIZE → "is not truncated" → False, in every division.
    expect(await verdicts('v6.0', withChanges(whisper.tree, { [acc(whisper, 'mlperf_log_accuracy.json')]: FULL_LOG }))).toEqual(WHISPER_REJECTED);
    expect(await verdicts('v6.0', withChanges(amd.tree, { [acc(amd, 'mlperf_log_accuracy.json')]: FULL_LOG }))).toEqual(AMD_REJECTED);
  });

  it('lets open results through in the monolith', async () => {
    // M41: every accuracy failure of an open result is forgiven; M511: forgiven once a metric was read.
    expect(await verdicts('v4.1', withChanges(hpe.tree, { [acc(hpe, 'mlperf_log_accuracy.json')]: FULL_LOG }))).toEqual(HPE_ACCEPTED);
    expect(await verdicts('v5.1', withChanges(lenovo.tree, { [acc(lenovo, 'mlperf_log_accuracy.json')]: FULL_LOG }))).toEqual(LENOVO_ACCEPTED);
  });
});

describe('acc/loadgen-errors', () => {
  const withError = (result: RealResult, tree: Tree) => edit(tree, acc(result, 'mlperf_log_detail.txt'), (content) => content + ERROR_EVENT);

  it('rejects a result whose accuracy run logged an error', async () => {
    // M41 find_error_in_detail_log → False → "accuracy not valid".
    expect(await verdicts('v4.1', withError(intelOffline, intel.tree))).toEqual([`NoResults ${INTEL_OFFLINE}`, INTEL_SERVER]);
    // NEW loadgen_errors_check → False, in every division.
    expect(await verdicts('v6.0', withError(amd, amd.tree))).toEqual(AMD_REJECTED);
  });

  it('follows the monolith on open results: forgiven in v4.1, a crash from v5.1', async () => {
    expect(await verdicts('v4.1', withError(hpe, hpe.tree))).toEqual(HPE_ACCEPTED);
    // M511 check_accuracy_dir logs mlperf_log.num_errors() before mlperf_log is assigned: UnboundLocalError crashes
    // the whole run; the audit rejects only this result.
    expect(await verdicts('v5.1', withError(lenovo, lenovo.tree))).toEqual(LENOVO_REJECTED);
  });
});

describe('acc/dataset-coverage', () => {
  const partial = (result: RealResult, tree: Tree, key: string) =>
    edit(tree, acc(result, 'mlperf_log_detail.txt'), (content) => content.replace(new RegExp(`("key": "${key}", "value": )\\d+`), '$11000'));

  it('rejects a modular-round result whose accuracy run covered part of the data set', async () => {
    // NEW dataset_check: effective_accuracy_sample_count != accuracy-sample-count/dataset-size → False.
    expect(await verdicts('v6.0', partial(whisper, whisper.tree, 'effective_accuracy_sample_count'))).toEqual(WHISPER_REJECTED);
  });

  it('accepts it in v5.1, whose monolith only logs the mismatch', async () => {
    // M511 check_accuracy_dir: log.error("accurcy run does not cover all dataset ...") without touching is_valid.
    const expected = ['Results closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b/Offline 5777.08', REDHAT_SERVER];
    expect(await verdicts('v5.1', partial(redhatOffline, redhat.tree, 'qsl_reported_total_count'))).toEqual(expected);
  });
});

describe('acc/extra-artifacts', () => {
  const GOOGLE = 'closed/Google/results/DGX-H100_H100-SXM-80GBx8_TRT/stable-diffusion-xl';
  const google = results('v4.1', `${GOOGLE}/Offline`, `${GOOGLE}/Server`);
  const IDS_V41 = ['4655', '2569', '1303', '109', '4509', '3009', '2179', '1826', '2094', '3340'];
  const withImages = (tree: Tree, ids: readonly string[]) =>
    withChanges(tree, Object.fromEntries(['Offline', 'Server'].flatMap((scenario) => ids.map((id) => [`${GOOGLE}/${scenario}/accuracy/images/${id}.png`, 'png']))));

  it('rejects closed SDXL results without their images, as published', async () => {
    // M41: check_extra_files → "expected to have the following extra files" → accuracy_is_valid False.
    expect(await verdicts('v4.1', google.tree)).toEqual([`NoResults ${GOOGLE}/Offline`, `NoResults ${GOOGLE}/Server`]);
    expect(await verdicts('v4.1', withImages(google.tree, IDS_V41.slice(1)))).toEqual([`NoResults ${GOOGLE}/Offline`, `NoResults ${GOOGLE}/Server`]);
  });

  it('accepts them with every image', async () => {
    expect(await verdicts('v4.1', withImages(google.tree, IDS_V41))).toEqual([`Results ${GOOGLE}/Offline 16.2613`, `Results ${GOOGLE}/Server 15.8185`]);
  });

  it('accepts open SDXL results without images in the monolith, rejects open Wan-2.2 results in the modular checker', async () => {
    // M41: the extra-files failure is forgiven for open results (the error is still logged).
    const nvidia = realResult('v4.1', 'open/NVIDIA/results/H200-SXM-141GBx1_TRT_LCM/stable-diffusion-xl/Offline');
    expect(await verdicts('v4.1', nvidia.tree)).toEqual(['Results open/NVIDIA/results/H200-SXM-141GBx1_TRT_LCM/stable-diffusion-xl/Offline 10.7891']);
    // NEW extra_files_check → False in every division.
    const krai = realResult('v6.0', 'open/Krai/results/h200_n1-kissv/wan-2.2-t2v-a14b/offline');
    expect(await verdicts('v6.0', krai.tree)).toEqual(['NoResults open/Krai/results/h200_n1-kissv/wan-2.2-t2v-a14b/offline']);
  });
});
