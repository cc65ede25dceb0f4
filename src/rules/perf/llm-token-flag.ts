import { definePerformanceRule, shownValue } from '../../checkers/inference/performance-rule.ts';

export default definePerformanceRule({
  id: 'perf/llm-token-flag',
  meta: {
    description: 'Performance runs of large language models measured token latencies (requested_use_token_latencies).',
    category: 'perf',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'inference_rules.adoc §4.1 (LLM benchmarks: TTFT and TPOT latency constraints, measured by LoadGen with token latencies).',
    messages: {
      notEnabled:
        'The {{model}} benchmark is a large language model, but this performance run did not enable token latencies (requested_use_token_latencies is {{value}}). Set use_token_latencies = 1 (the round\'s mlperf.conf does) and re-run, so that LoadGen measures TTFT and TPOT.',
    },
    rejects: 'scenario',
    official: {},
  },
  checkLog({ log, model, modelData, endpoints }) {
    // An endpoints run always measures token latencies; the modular checker takes the flag as set.
    if (modelData?.llm !== true || endpoints) return [];
    const flag = log.get('requested_use_token_latencies');
    // Python truthiness, as the official checkers test it.
    if (flag !== undefined && flag.value !== false && flag.value !== 0 && flag.value !== null && flag.value !== '') return [];
    return [{ messageId: 'notEnabled', ...(flag && { line: flag.line }), data: { model, value: shownValue(flag) } }];
  },
});
