import rule from '../../../src/rules/struct/accuracy-files.ts';
import { qwenEndpoints } from '../../support/endpoints.ts';
import { realResult, without, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

const result = realResult('v5.1', 'closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b/Offline');
const accuracy = `${result.path}/accuracy`;
const withTrace = realResult('v4.1', 'closed/NeuralMagic/results/vLLM_8xL40S-reference-cpu-pytorch-v2.3.1-default_config/llama2-70b-99/offline');
const modular = realResult('v6.0', 'closed/RedHat/results/8xH200_whisper/whisper/Offline');

const endpoints = qwenEndpoints();

testRule(rule, {
  valid: [
    { name: 'a v6.1 endpoints result: accuracy/ holds accuracy_results.json', round: 'v6.1', tree: endpoints.tree },
    { name: 'a real published result', round: 'v5.1', tree: result.tree },
    { name: 'sub-folders such as images/ are not part of the list', round: 'v5.1', tree: withChanges(result.tree, { [`${accuracy}/images/2747.png`]: 'png' }) },
    { name: 'optional files', round: 'v4.1', tree: withChanges(withTrace.tree, { [`${withTrace.path}/accuracy/results.json`]: '{}\n' }) },
    { name: 'a missing accuracy.txt is left to struct/accuracy-txt', round: 'v5.1', tree: without(result.tree, `${accuracy}/accuracy.txt`) },
    { name: 'a missing accuracy folder is left to struct/accuracy-txt', round: 'v5.1', tree: without(result.tree, accuracy) },
  ],
  invalid: [
    {
      name: 'the summary of the accuracy run removed',
      round: 'v5.1',
      profile: 'official',
      tree: without(result.tree, `${accuracy}/mlperf_log_summary.txt`),
      errors: [{ messageId: 'missingFile', file: accuracy, unit: result.path, message: 'accuracy/ has no mlperf_log_summary.txt' }],
    },
    {
      name: 'a file that does not belong there (recommended profile of a modular round)',
      round: 'v6.0',
      tree: withChanges(modular.tree, { [`${modular.path}/accuracy/run.sh`]: 'python3 main.py\n' }),
      errors: [{ messageId: 'unexpectedFile', file: `${modular.path}/accuracy/run.sh`, message: '"run.sh"' }],
    },
  ],
});
