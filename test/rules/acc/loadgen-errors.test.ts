import type { MemoryNode } from '../../../src/tree/memory-fs.ts';
import rule from '../../../src/rules/acc/loadgen-errors.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

const ERROR_LINE =
  ':::MLLOG {"key": "error_runtime", "value": "Mismatch in sample count", "time_ms": 1.0, "namespace": "mlperf::logging", "event_type": "POINT_IN_TIME", "metadata": {"is_error": true, "is_warning": false, "file": "loadgen.cc", "line_no": 1, "pid": 1, "tid": 1}}';
const withError = (tree: Record<string, MemoryNode>, path: string) => withChanges(tree, { [path]: `${String(tree[path])}${ERROR_LINE}\n` });

const resnet = realResult('v4.1', 'closed/Intel/results/1-node-2S-EMR-PyTorch/resnet50/Offline');
const resnetLog = `${resnet.path}/accuracy/mlperf_log_detail.txt`;
const resnetLines = String(resnet.tree[resnetLog]).split('\n').length;
const gptj = realResult('v4.1', 'open/HPE/results/HPE_Cray_XD670_H100_SXM_80GBx8_TRT/gptj-99.9/Offline');
const llama = realResult('v5.1', 'closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b/Offline');
const lenovo = realResult('v5.1', 'open/Lenovo/results/se100_ultra7_255h/resnet50/Offline');
const openLlama = realResult('v6.0', 'open/AMD/results/8xMI355X_2xEPYC_9575F/llama3.1-405b/Offline');

testRule(rule, {
  valid: [
    { name: 'a real accuracy run', round: 'v4.1', profile: 'official', tree: resnet.tree },
    { name: 'official v4.1: the monolith lets an open result through', round: 'v4.1', profile: 'official', tree: withError(gptj.tree, `${gptj.path}/accuracy/mlperf_log_detail.txt`) },
  ],
  invalid: [
    {
      name: 'an error event in the accuracy log',
      round: 'v4.1',
      profile: 'official',
      tree: withError(resnet.tree, resnetLog),
      errors: [{ messageId: 'error', file: resnetLog, line: resnetLines, unit: resnet.path, message: '"Mismatch in sample count"' }],
    },
    { name: 'v5.1: the monolith crashes on it', round: 'v5.1', tree: withError(llama.tree, `${llama.path}/accuracy/mlperf_log_detail.txt`), errors: [{ messageId: 'errorCrash', message: 'stops with an exception' }] },
    { name: 'official v5.1: the crash comes before the open leniency', round: 'v5.1', profile: 'official', tree: withError(lenovo.tree, `${lenovo.path}/accuracy/mlperf_log_detail.txt`), errors: [{ messageId: 'errorCrash' }] },
    { name: 'official v6.0: open results are held to it too', round: 'v6.0', profile: 'official', tree: withError(openLlama.tree, `${openLlama.path}/accuracy/mlperf_log_detail.txt`), errors: [{ messageId: 'error' }] },
  ],
});
