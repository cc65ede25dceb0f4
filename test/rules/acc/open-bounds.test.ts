import rule from '../../../src/rules/acc/open-bounds.ts';
import { realResult } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

const gptj = realResult('v4.1', 'open/HPE/results/HPE_Cray_XD670_H100_SXM_80GBx8_TRT/gptj-99.9/Offline');
const openLlama = realResult('v6.0', 'open/AMD/results/8xMI355X_2xEPYC_9575F/llama3.1-405b/Offline');
const thor = realResult('v5.1', 'open/NVIDIA/results/Jetson-Thor_TRT/llama3.1-8b-edge/SingleStream');
const closed = realResult('v5.1', 'closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b/Offline');

testRule(rule, {
  valid: [
    { name: 'an open result within the closed bounds', round: 'v5.1', tree: thor.tree },
    { name: 'closed results are not this rule’s', round: 'v5.1', tree: closed.tree },
  ],
  invalid: [
    {
      name: 'an open result below two targets (info; the official checkers warn)',
      round: 'v4.1',
      tree: gptj.tree,
      errors: [
        { messageId: 'belowTarget', severity: 'info', file: `${gptj.path}/accuracy/accuracy.txt`, message: 'ROUGE2 is 20.0912, below the closed-division target of 20.103376 for gptj-99.9' },
        { messageId: 'belowTarget', severity: 'info', message: 'ROUGEL is 29.9254' },
      ],
    },
    {
      name: 'official: below a target and above an upper limit, as warnings',
      round: 'v6.0',
      profile: 'official',
      tree: openLlama.tree,
      errors: [
        // Both on one line: sorted by message.
        { messageId: 'aboveLimit', severity: 'warning', message: 'TOKENS_PER_SAMPLE is 758.9, above the closed-division upper limit of 753.148000' },
        { messageId: 'belowTarget', severity: 'warning', message: 'exact_match is 82.66624751819988' },
      ],
    },
  ],
});
