import rule from '../../../src/rules/comp/test06.ts';
import { realResult, withChanges, without } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

const llama = realResult('v5.1', 'closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b/Offline');
const test06 = 'closed/RedHat/compliance/XE8640_4xH100_vLLM/llama3.1-8b/Offline/TEST06';
const llama70 = realResult('v6.0', 'closed/MiTAC/results/8xMI350X_2xEPYC-9755/llama2-70b-99/Server');
const modularTest06 = `${llama70.path}/TEST06`;
const report = (eos: string, firstToken = 'First token check pass: Skipped'): string =>
  `${firstToken}\nEOS check pass: ${eos}\nSample length check pass: True\nTEST06 verification complete\n`;
const emptyLog = withChanges(llama.tree, { [`${test06}/accuracy/mlperf_log_accuracy.json`]: '[\n]\n' });

testRule(rule, {
  valid: [
    { name: 'a real TEST06 (monolith)', round: 'v5.1', profile: 'official', tree: llama.tree },
    { name: 'a real TEST06 (modular)', round: 'v6.0', profile: 'official', tree: llama70.tree },
    { name: 'the first-token check skipped (Offline)', round: 'v5.1', tree: withChanges(llama.tree, { [`${test06}/verify_accuracy.txt`]: report('True') }) },
    { name: 'the official checkers do not look at the accuracy log, even an empty one', round: 'v5.1', profile: 'official', tree: emptyLog },
  ],
  invalid: [
    {
      name: 'the EOS check failed (monolith)',
      round: 'v5.1',
      profile: 'official',
      tree: withChanges(llama.tree, { [`${test06}/verify_accuracy.txt`]: report('False') }),
      errors: [{ messageId: 'checkFailed', file: `${test06}/verify_accuracy.txt`, line: 2, unit: llama.path, message: 'it says "False"' }],
    },
    {
      name: 'the first-token line missing (modular)',
      round: 'v6.0',
      profile: 'official',
      tree: withChanges(llama70.tree, { [`${modularTest06}/verify_accuracy.txt`]: report('True', '') }),
      errors: [{ messageId: 'checkFailed', file: `${modularTest06}/verify_accuracy.txt`, message: 'first token check as passed (it has no such line)' }],
    },
    {
      name: 'a report Python cannot decode',
      round: 'v6.0',
      profile: 'official',
      tree: withChanges(llama70.tree, { [`${modularTest06}/verify_accuracy.txt`]: Buffer.from([0xe2, 0x28, 0xa1]) }),
      errors: [{ messageId: 'unreadable', file: `${modularTest06}/verify_accuracy.txt` }],
    },
    {
      name: 'an empty accuracy log passes all three checks vacuously (recommended profile)',
      round: 'v5.1',
      tree: emptyLog,
      errors: [{ messageId: 'emptyAccuracyLog', file: `${test06}/accuracy/mlperf_log_accuracy.json` }],
    },
    {
      name: 'no accuracy log (recommended profile)',
      round: 'v6.0',
      tree: without(llama70.tree, `${modularTest06}/accuracy`),
      errors: [{ messageId: 'noAccuracyLog', file: modularTest06 }],
    },
    {
      name: 'an accuracy log that is not a JSON array (recommended profile)',
      round: 'v6.0',
      tree: withChanges(llama70.tree, { [`${modularTest06}/accuracy/mlperf_log_accuracy.json`]: '{"error": "no samples"}\n' }),
      errors: [{ messageId: 'unreadableAccuracyLog', message: 'is not a JSON array' }],
    },
  ],
});
