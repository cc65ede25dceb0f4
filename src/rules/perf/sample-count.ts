import { checkNumber, definePerformanceRule, MISSING_KEY_MESSAGE } from '../../checkers/inference/performance-rule.ts';

export default definePerformanceRule({
  id: 'perf/sample-count',
  meta: {
    description: "The performance run loaded at least the model's performance sample count (effective_performance_sample_count).",
    category: 'perf',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'inference_rules.adoc §4.1 (the QSL performance sample count of each benchmark) and §5.',
    messages: {
      tooFew:
        'The performance run loaded {{found}} performance samples (effective_performance_sample_count), but {{model}} needs at least {{required}}. Remove performance_sample_count_override from user.conf (or raise it to at least {{required}}) and re-run.',
      missingKey: MISSING_KEY_MESSAGE,
    },
    rejects: 'scenario',
    official: {},
  },
  checkLog({ log, model, modelData, endpoints }) {
    const required = modelData?.performanceSampleCount;
    // A model without a count is not a model of the round: the struct/* rules report it. An endpoints run has no
    // performance sample set (the modular checker skips the check).
    if (required === undefined || endpoints) return [];
    return checkNumber(log, 'effective_performance_sample_count', (found) => found < required, (found) => ({ messageId: 'tooFew', data: { found, required, model } }));
  },
});
