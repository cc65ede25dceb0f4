import rule from '../../../src/rules/acc/upper-limit.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

const llama = realResult('v5.1', 'closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b/Offline');
const txt = `${llama.path}/accuracy/accuracy.txt`;
const withGenLen = (genLen: string) => withChanges(llama.tree, { [txt]: String(llama.tree[txt]).replace("'gen_len': 8163079", `'gen_len': ${genLen}`) });
// Mixtral: the rules bound tokens per sample by 110 % of 144.84 (159.324), the official table by 110 % of 145.9 (160.49).
const mixtral = realResult('v4.1', 'closed/Google/results/DGX-H100_H100-SXM-80GBx8_TRT/mixtral-8x7b/Offline');
const mixtralTxt = `${mixtral.path}/accuracy/accuracy.txt`;
const withTokensPerSample = (tokens: string) => withChanges(mixtral.tree, { [mixtralTxt]: String(mixtral.tree[mixtralTxt]).replace("'tokens_per_sample': 145.9", `'tokens_per_sample': ${tokens}`) });
const openLlama = realResult('v6.0', 'open/AMD/results/8xMI355X_2xEPYC_9575F/llama3.1-405b/Offline');

testRule(rule, {
  valid: [
    { name: 'a real result within its limit', round: 'v5.1', profile: 'official', tree: llama.tree },
    { name: 'at exactly the limit', round: 'v5.1', tree: withGenLen('8984408.4') },
    { name: 'mixtral within the official 160.49 (official profile)', round: 'v5.1', profile: 'official', tree: withTokensPerSample('160.0') },
    { name: 'mixtral within the rules\' 159.324', round: 'v5.1', tree: withTokensPerSample('159.3') },
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
    {
      name: 'mixtral above the rules\' limit of 159.324 (recommended), naming the official 160.49',
      round: 'v5.1',
      tree: withTokensPerSample('160.0'),
      errors: [{ messageId: 'aboveCorrectedLimit', file: mixtralTxt, line: 9, message: 'TOKENS_PER_SAMPLE is 160.0, above the upper limit of 159.324000 for mixtral-8x7b that inference_rules.adoc §4.1 (Mixtral-8x7B: tokens per sample 90-110 % of 144.84) states (the official table says 160.490000, an error)' }],
    },
  ],
});
