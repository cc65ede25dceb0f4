import rule from '../../../src/rules/struct/perf-files.ts';
import { qwenEndpoints } from '../../support/endpoints.ts';
import { realResult, without, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

const result = realResult('v5.1', 'closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b/Offline');
const run = `${result.path}/performance/run_1`;
const power = realResult('v4.1', 'closed/UntetherAI/results/r760_u6_slim/resnet50/offline');
const powerRun = `${power.path}/performance/run_1`;
const modular = realResult('v6.0', 'closed/RedHat/results/8xH200_whisper/whisper/Offline');

const endpoints = qwenEndpoints();

testRule(rule, {
  valid: [
    { name: 'a v6.1 endpoints result: run_1 is not a LoadGen run', round: 'v6.1', tree: withChanges(endpoints.tree, { [`${endpoints.online}/performance/run_1/mlperf_log_summary.txt`]: 'endpoints report\n' }) },
    { name: 'a real published result', round: 'v5.1', tree: result.tree },
    { name: 'a real power result with its spl.txt', round: 'v4.1', profile: 'official', tree: power.tree },
    { name: 'a missing run_1 is left to struct/perf-run1', round: 'v5.1', tree: without(result.tree, run) },
    { name: 'a missing detail log is left to struct/perf-run1', round: 'v5.1', tree: without(result.tree, `${run}/mlperf_log_detail.txt`) },
  ],
  invalid: [
    {
      name: 'the summary removed',
      round: 'v5.1',
      tree: without(result.tree, `${run}/mlperf_log_summary.txt`),
      errors: [{ messageId: 'missingFile', file: run, unit: result.path, message: 'no mlperf_log_summary.txt' }],
    },
    {
      name: 'spl.txt removed from a power result',
      round: 'v4.1',
      profile: 'official',
      tree: without(power.tree, `${powerRun}/spl.txt`),
      errors: [{ messageId: 'missingFile', file: powerRun, message: 'no spl.txt' }],
    },
    {
      name: 'spl.txt in a result without power measurements',
      round: 'v6.0',
      tree: withChanges(modular.tree, { [`${modular.path}/performance/run_1/spl.txt`]: 'Time,...\n' }),
      errors: [{ messageId: 'unexpectedFile', file: `${modular.path}/performance/run_1/spl.txt`, message: 'holds only mlperf_log_summary.txt, mlperf_log_detail.txt' }],
    },
  ],
});
