import rule from '../../../src/rules/acc/upper-limit.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

const llama = realResult('v5.1', 'closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b/Offline');
const txt = `${llama.path}/accuracy/accuracy.txt`;
const withGenLen = (genLen: string) => withChanges(llama.tree, { [txt]: String(llama.tree[txt]).replace("'gen_len': 8163079", `'gen_len': ${genLen}`) });
const openLlama = realResult('v6.0', 'open/AMD/results/8xMI355X_2xEPYC_9575F/llama3.1-405b/Offline');

testRule(rule, {
  valid: [
    { name: 'a real result within its limit', round: 'v5.1', profile: 'official', tree: llama.tree },
    { name: 'at exactly the limit', round: 'v5.1', tree: withGenLen('8984408.4') },
    { name: 'open results are acc/open-bounds business', round: 'v6.0', tree: openLlama.tree },
    { name: 'the limited metric need not appear', round: 'v5.1', tree: withChanges(llama.tree, { [txt]: "{'rouge1': 38.79, 'rouge2': 15.94, 'rougeL': 24.57, 'rougeLsum': 35.80}\nhash=ab\n" }) },
  ],
  invalid: [
    {
      name: 'generated length above the upper limit',
      round: 'v5.1',
      profile: 'official',
      tree: withGenLen('9500000'),
      errors: [{ messageId: 'aboveLimit', file: txt, line: 11, unit: llama.path, message: 'GEN_LEN is 9500000, above the upper limit of 8984408.400000 for llama3.1-8b.' }],
    },
  ],
});
