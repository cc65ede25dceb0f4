import { describe, expect, it } from 'vitest';
import type { MemoryNode } from '../../src/tree/memory-fs.ts';
import { auditTree } from '../support/audit-tree.ts';
import { realResult, withChanges, without } from '../support/shared-data.ts';

type Tree = Record<string, MemoryNode>;

/** Real results of one benchmark, all its scenarios, so that the benchmark is complete and accepted. */
function realBenchmark(round: string, benchmarkPath: string, scenarios: readonly string[]): Tree {
  return Object.assign({}, ...scenarios.map((scenario) => realResult(round, `${benchmarkPath}/${scenario}`).tree)) as Tree;
}

const lines = async (tree: Tree, round: string): Promise<string[]> => (await auditTree(tree, { round, profile: 'official' })).lines;

// v4.1, the monolith: resnet with TEST01, TEST04 and TEST05 in compliance/.
const resnet = 'closed/Intel/results/1-node-2S-EMR-PyTorch/resnet50';
const resnetTree = realBenchmark('v4.1', resnet, ['Offline', 'Server']);
const resnetTests = 'closed/Intel/compliance/1-node-2S-EMR-PyTorch/resnet50/Offline';
const resnetAccepted = [`Results ${resnet}/Offline 25204.5`, `Results ${resnet}/Server 22501.8`];

// v4.1, the monolith: dlrm-v2-99.9 in TEST01's non-deterministic fallback (0.1 %).
const dlrm = 'closed/Intel/results/1-node-2S-EMR-PyTorch/dlrm-v2-99.9';
const dlrmTree = realBenchmark('v4.1', dlrm, ['Offline', 'Server']);
const dlrmTest01 = 'closed/Intel/compliance/1-node-2S-EMR-PyTorch/dlrm-v2-99.9/Server/TEST01';

// v5.1, the monolith: llama3.1-8b with TEST06 in compliance/.
const llama = 'closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b';
const llamaTree = realBenchmark('v5.1', llama, ['Offline', 'Server']);
const llamaTest06 = 'closed/RedHat/compliance/XE8640_4xH100_vLLM/llama3.1-8b/Offline/TEST06';

// v6.0, the modular checker: whisper in TEST01's fallback (1 %), gpt-oss-120b with TEST07 and TEST09, llama2-70b with TEST06.
const whisper = 'closed/RedHat/results/8xH200_whisper/whisper/Offline';
const whisperTree = realResult('v6.0', whisper).tree;
const gptOss = 'closed/RedHat/results/8xB200-LLM-D-Openshift/gpt-oss-120b';
const gptOssTree = realBenchmark('v6.0', gptOss, ['Offline', 'Server']);
const llama70 = 'closed/MiTAC/results/8xMI350X_2xEPYC-9755/llama2-70b-99';
const llama70Tree = realBenchmark('v6.0', llama70, ['Interactive', 'Offline', 'Server']);

const performanceFailure = 'Verifying performance.\nreference score = 100.0\ntest score = 150.0\nTEST FAIL: Test score invalid\n';

describe('the real results are accepted as they are', () => {
  it.each([
    ['v4.1', resnetTree, resnetAccepted],
    ['v4.1', dlrmTree, [`Results ${dlrm}/Offline 9949.2`, `Results ${dlrm}/Server 9731.54`]],
    ['v5.1', llamaTree, [`Results ${llama}/Offline 5777.08`, `Results ${llama}/Server 5103.99`]],
    ['v6.0', whisperTree, [`Results ${whisper} 36395.7`]],
    ['v6.0', gptOssTree, [`Results ${gptOss}/Offline 93070.7`, `Results ${gptOss}/Server 71588.1`]],
    ['v6.0', llama70Tree, [`Results ${llama70}/Interactive 54730.5`, `Results ${llama70}/Offline 78988.6`, `Results ${llama70}/Server 77377.9`]],
  ] as const)('%s', async (round, tree, expected) => {
    expect(await lines(tree, round)).toEqual(expected);
  });
});

// Every compliance failure rejects the result alone: the monolith sets results[<result folder>] = None after
// check_compliance_dir returns False (it records no compliance-folder key); the modular checker fails ComplianceCheck.
describe('comp/test-dir', () => {
  it('a missing TEST04 rejects the result (monolith: "Missing TEST04 in compliance dir")', async () => {
    expect(await lines(without(resnetTree, `${resnetTests}/TEST04`), 'v4.1')).toEqual([`NoResults ${resnet}/Offline`, resnetAccepted[1]]);
  });

  it('a missing TEST07 rejects the result (modular: dir_exists_check)', async () => {
    expect(await lines(without(gptOssTree, `${gptOss}/Server/TEST07`), 'v6.0')).toEqual([`NoResults ${gptOss}/Server`, `Results ${gptOss}/Offline 93070.7`].sort());
  });
});

describe('comp/required-files', () => {
  it('TEST01 without verify_performance.txt (monolith: check_compliance_perf_dir "is missing")', async () => {
    expect(await lines(without(resnetTree, `${resnetTests}/TEST01/verify_performance.txt`), 'v4.1')).toEqual([`NoResults ${resnet}/Offline`, resnetAccepted[1]]);
  });

  it('TEST06 without verify_accuracy.txt (monolith: check_compliance_acc_dir "is missing")', async () => {
    expect(await lines(without(llamaTree, `${llamaTest06}/verify_accuracy.txt`), 'v5.1')).toEqual([`NoResults ${llama}/Offline`, `Results ${llama}/Server 5103.99`]);
  });

  it('TEST09 without verify_output_len.txt (modular: dir_exists_check)', async () => {
    expect(await lines(without(gptOssTree, `${gptOss}/Offline/TEST09/verify_output_len.txt`), 'v6.0')).toEqual([`NoResults ${gptOss}/Offline`, `Results ${gptOss}/Server 71588.1`]);
  });

  it('TEST01 without its detail log (modular: dir_exists_check; monolith: run_1 file list mismatch)', async () => {
    expect(await lines(without(whisperTree, `${whisper}/TEST01/performance/run_1/mlperf_log_detail.txt`), 'v6.0')).toEqual([`NoResults ${whisper}`]);
    expect(await lines(without(resnetTree, `${resnetTests}/TEST04/performance/run_1/mlperf_log_detail.txt`), 'v4.1')).toEqual([`NoResults ${resnet}/Offline`, resnetAccepted[1]]);
  });
});

describe('comp/verify-performance', () => {
  it('TEST04 failed (monolith: "Compliance test performance check in … failed")', async () => {
    expect(await lines(withChanges(resnetTree, { [`${resnetTests}/TEST04/verify_performance.txt`]: performanceFailure }), 'v4.1')).toEqual([`NoResults ${resnet}/Offline`, resnetAccepted[1]]);
  });

  it('TEST01 failed (modular: compliance_performance_check)', async () => {
    expect(await lines(withChanges(whisperTree, { [`${whisper}/TEST01/verify_performance.txt`]: performanceFailure }), 'v6.0')).toEqual([`NoResults ${whisper}`]);
  });
});

describe('comp/perf-files', () => {
  it('an extra file in TEST01/performance/run_1 (both: "has file list mismatch")', async () => {
    expect(await lines(withChanges(resnetTree, { [`${resnetTests}/TEST01/performance/run_1/notes.txt`]: 'x\n' }), 'v4.1')).toEqual([`NoResults ${resnet}/Offline`, resnetAccepted[1]]);
    expect(await lines(withChanges(whisperTree, { [`${whisper}/TEST01/performance/run_1/notes.txt`]: 'x\n' }), 'v6.0')).toEqual([`NoResults ${whisper}`]);
  });
});

describe('comp/test01-accuracy', () => {
  const editedPass = 'num_perf_log_data_mismatch = 0\nAccuracy check: TEST PASS (edited)\n';

  it('"TEST PASS" inside a longer line passes the monolith, which looks for the text anywhere', async () => {
    expect(await lines(withChanges(resnetTree, { [`${resnetTests}/TEST01/verify_accuracy.txt`]: editedPass }), 'v4.1')).toEqual(resnetAccepted);
  });

  it('but not the modular checker, which wants the line itself; the fallback then lacks its baseline', async () => {
    const tree = withChanges(without(whisperTree, `${whisper}/TEST01/accuracy/baseline_accuracy.txt`), { [`${whisper}/TEST01/verify_accuracy.txt`]: editedPass });
    expect(await lines(tree, 'v6.0')).toEqual([`NoResults ${whisper}`]);
  });

  it('a passing report beside the fallback files is rejected by the monolith (TEST01/accuracy file list mismatch)', async () => {
    expect(await lines(withChanges(dlrmTree, { [`${dlrmTest01}/verify_accuracy.txt`]: 'TEST PASS\n' }), 'v4.1')).toEqual([`Results ${dlrm}/Offline 9949.2`, `NoResults ${dlrm}/Server`].sort());
  });

  it('and accepted by the modular checker, which reads TEST01/accuracy only in the fallback', async () => {
    expect(await lines(withChanges(whisperTree, { [`${whisper}/TEST01/verify_accuracy.txt`]: 'TEST PASS\n' }), 'v6.0')).toEqual([`Results ${whisper} 36395.7`]);
  });

  it('baseline and compliance AUC 0.2 % apart exceed the 0.1 % of a 99.9 model (monolith: delta_perc > required_delta_perc)', async () => {
    const tree = withChanges(dlrmTree, { [`${dlrmTest01}/accuracy/compliance_accuracy.txt`]: 'AUC=80.130%, accuracy=96.636%, good=766223, total=792900, queries=4006\n' });
    expect(await lines(tree, 'v4.1')).toEqual([`Results ${dlrm}/Offline 9949.2`, `NoResults ${dlrm}/Server`].sort());
  });

  it('baseline and compliance accuracy 2 % apart exceed 1 % (modular: accuracy_check, non-deterministic mode)', async () => {
    const tree = withChanges(whisperTree, { [`${whisper}/TEST01/accuracy/compliance_accuracy.txt`]: 'Word Error Rate: 4.0%, accuracy=96.0%\n' });
    expect(await lines(tree, 'v6.0')).toEqual([`NoResults ${whisper}`]);
  });
});

describe('comp/test05', () => {
  it('TEST05 failed (v4.1 monolith: check_compliance_perf_dir)', async () => {
    const tree = withChanges(resnetTree, { [`${resnetTests}/TEST05/verify_performance.txt`]: performanceFailure });
    expect(await lines(tree, 'v4.1')).toEqual([`NoResults ${resnet}/Offline`, resnetAccepted[1]]);
  });
});

describe('comp/test06', () => {
  const eosFailure = 'First token check pass: Skipped\nEOS check pass: False\nSample length check pass: True\nTEST06 verification complete\n';

  it('a failed EOS check rejects the result (monolith: "TEST06 accuracy check failed")', async () => {
    expect(await lines(withChanges(llamaTree, { [`${llamaTest06}/verify_accuracy.txt`]: eosFailure }), 'v5.1')).toEqual([`NoResults ${llama}/Offline`, `Results ${llama}/Server 5103.99`]);
  });

  it('a failed EOS check rejects the result (modular: accuracy_check)', async () => {
    const tree = withChanges(llama70Tree, { [`${llama70}/Server/TEST06/verify_accuracy.txt`]: eosFailure });
    expect(await lines(tree, 'v6.0')).toEqual([`Results ${llama70}/Interactive 54730.5`, `Results ${llama70}/Offline 78988.6`, `NoResults ${llama70}/Server`].sort());
  });

  it('an empty accuracy log passes the official checkers, which never read it', async () => {
    const tree = withChanges(llamaTree, { [`${llamaTest06}/accuracy/mlperf_log_accuracy.json`]: '[\n]\n' });
    expect(await lines(tree, 'v5.1')).toEqual([`Results ${llama}/Offline 5777.08`, `Results ${llama}/Server 5103.99`]);
  });
});

describe('comp/test07 and comp/test09', () => {
  it('a failed TEST07 rejects the result (modular: "TEST07 accuracy check in … failed")', async () => {
    const tree = withChanges(gptOssTree, { [`${gptOss}/Server/TEST07/verify_accuracy.txt`]: 'Accuracy check pass: False\nTEST FAIL\n' });
    expect(await lines(tree, 'v6.0')).toEqual([`NoResults ${gptOss}/Server`, `Results ${gptOss}/Offline 93070.7`].sort());
  });

  it('a failed TEST09 rejects the result (modular: "TEST09 output length check in … failed")', async () => {
    const tree = withChanges(gptOssTree, { [`${gptOss}/Offline/TEST09/verify_output_len.txt`]: 'Max check pass: False\nTEST FAIL\n' });
    expect(await lines(tree, 'v6.0')).toEqual([`NoResults ${gptOss}/Offline`, `Results ${gptOss}/Server 71588.1`]);
  });
});
