import rule from '../../../src/rules/struct/copied-logs.ts';
import type { MemoryNode } from '../../../src/tree/memory-fs.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';
import { moved } from '../../support/tree-edits.ts';

type Tree = Record<string, MemoryNode>;
const trees = (round: string, ...paths: string[]): Tree => Object.assign({}, ...paths.map((path) => realResult(round, path).tree)) as Tree;

// v4.1 UntetherAI: two systems with the same accelerator chip. Their accuracy runs logged identical outputs (the same
// hash of the full log in accuracy.txt), but the detail logs of the two accuracy runs differ: two runs.
const preview = 'closed/UntetherAI/results/h13_u1_preview/resnet50/singlestream';
const slim = 'closed/UntetherAI/results/h13_u1_slim/resnet50/singlestream';
const untether = trees('v4.1', preview, slim);
const copyRun = (tree: Tree, from: string, to: string, files: readonly string[]): Tree =>
  withChanges(tree, Object.fromEntries(files.map((file) => [`${to}/${file}`, tree[`${from}/${file}`]])));
const DETAIL = 'performance/run_1/mlperf_log_detail.txt';
const SUMMARY = 'performance/run_1/mlperf_log_summary.txt';

// v4.1 AMD 1xMI300X: the llama2-70b Server accuracy folder holds the Offline performance run (real data).
const amdOffline = 'closed/AMD/results/1xMI300X_2xEPYC-9374F/llama2-70b-99/Offline';
const amdServer = 'closed/AMD/results/1xMI300X_2xEPYC-9374F/llama2-70b-99/Server';
// v4.1 AMD 8xMI300X: two hosts, byte-identical TEST06 accuracy logs and no detail log of that run (real data).
const turin = 'closed/AMD/results/8xMI300X_2xEPYC-TURIN/llama2-70b-99/Offline';
const epyc = 'closed/AMD/results/8xMI300X_2xEPYC-9374F/llama2-70b-99/Offline';

testRule(rule, {
  valid: [
    { name: 'two systems whose deterministic accuracy runs logged the same outputs', round: 'v4.1', tree: untether },
    {
      name: 'one run in the -99 and -99.9 folders, compliance runs included',
      round: 'v4.1',
      tree: trees('v4.1', 'closed/Intel/results/1-node-2S-EMR-PyTorch/3d-unet-99/Offline', 'closed/Intel/results/1-node-2S-EMR-PyTorch/3d-unet-99.9/Offline'),
    },
    {
      name: 'MultiStream and Offline inferred from one SingleStream run',
      round: 'v5.1',
      tree: trees('v5.1', 'open/Lenovo/results/se100_ultra7_255h/resnet50/SingleStream', 'open/Lenovo/results/se100_ultra7_255h/resnet50/MultiStream', 'open/Lenovo/results/se100_ultra7_255h/resnet50/Offline'),
    },
    { name: 'the official profile does not run it', round: 'v4.1', profile: 'official', tree: trees('v4.1', amdOffline, amdServer) },
  ],
  invalid: [
    {
      name: 'a performance run copied to another system',
      round: 'v4.1',
      tree: copyRun(untether, preview, slim, [DETAIL, SUMMARY]),
      errors: [{ messageId: 'copiedRun', file: `${slim}/${DETAIL}`, unit: '', severity: 'error', message: `byte-identical to ${preview}/${DETAIL}, the performance run log of another result (system h13_u1_preview)` }],
    },
    {
      name: 'a summary copied over another run',
      round: 'v4.1',
      tree: copyRun(untether, preview, slim, [SUMMARY]),
      errors: [{ messageId: 'copiedRun', file: `${slim}/${SUMMARY}` }],
    },
    {
      name: 'an accuracy folder holding the performance run of another scenario (real v4.1 data)',
      round: 'v4.1',
      tree: trees('v4.1', amdOffline, amdServer),
      errors: [{ messageId: 'copiedRole', file: `${amdServer}/accuracy/mlperf_log_detail.txt`, severity: 'error', message: `the accuracy run of its result but is byte-identical to ${amdOffline}/${DETAIL}, the performance run log` }],
    },
    {
      name: 'one result submitted in the closed and the open division',
      round: 'v4.1',
      tree: { ...untether, ...moved(realResult('v4.1', preview).tree, 'closed/UntetherAI', 'open/UntetherAI') },
      errors: [
        { messageId: 'copiedRunOtherDivision', file: `open/UntetherAI/results/h13_u1_preview/resnet50/singlestream/accuracy/mlperf_log_detail.txt`, severity: 'warning' },
        { messageId: 'copiedRunOtherDivision', file: `open/UntetherAI/results/h13_u1_preview/resnet50/singlestream/${DETAIL}`, severity: 'warning', message: 'the same result submitted in the closed division' },
      ],
    },
    {
      name: 'the same TEST06 outputs on two systems with no run to show for them (real v4.1 data)',
      round: 'v4.1',
      tree: trees('v4.1', turin, epyc),
      errors: [
        {
          messageId: 'sameOutputs',
          file: 'closed/AMD/compliance/8xMI300X_2xEPYC-TURIN/llama2-70b-99/Offline/TEST06/accuracy/mlperf_log_accuracy.json',
          severity: 'warning',
          message: '(system 8xMI300X_2xEPYC-9374F: byte for byte)',
        },
      ],
    },
  ],
});
