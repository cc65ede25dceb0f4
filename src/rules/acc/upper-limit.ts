import { formatBound, loadAccuracyInput } from '../../checkers/inference/accuracy.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'acc/upper-limit',
  meta: {
    description: 'In the closed and network divisions, no accuracy metric in accuracy.txt exceeds the upper limit of its model (LLM output lengths, SDXL scores).',
    category: 'acc',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'network'],
    rounds: {},
    ruleText: 'inference_rules.adoc §4.1 (the accuracy table bounds, e.g. tokens per sample within 90% to 110% of the reference, and the SDXL FID and CLIP ranges).',
    messages: {
      aboveLimit: '{{metric}} is {{found}}, above the upper limit of {{limit}} for {{model}}. The closed division bounds this metric from above too: fix the implementation (for LLMs, the generation settings such as the maximum output length) and re-run the accuracy and performance runs.',
      aboveCorrectedLimit: '{{metric}} is {{found}}, above the upper limit of {{limit}} for {{model}} that {{source}} states (the official table says {{official}}, an error). The closed division bounds this metric from above too: fix the implementation (for LLMs, the generation settings such as the maximum output length) and re-run the accuracy and performance runs.',
    },
    // Both checkers mark the accuracy invalid and reject the result.
    rejects: 'scenario',
    official: {},
  },
  async check({ unit, round, profile, load, report }) {
    const input = await loadAccuracyInput(load, round, profile, unit);
    if (input?.scan === undefined) return;
    for (const miss of input.scan.aboveLimit) {
      const data = { metric: miss.bound.metric, found: miss.text, limit: formatBound(miss.bound.value), model: input.model };
      const { replaced } = miss.bound;
      if (replaced === undefined) report({ messageId: 'aboveLimit', file: input.txtPath, line: miss.line, data });
      else report({ messageId: 'aboveCorrectedLimit', file: input.txtPath, line: miss.line, data: { ...data, official: formatBound(replaced.official), source: replaced.source } });
    }
  },
});
