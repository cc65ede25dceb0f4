import { checkNumber, definePerformanceRule, MISSING_KEY_MESSAGE } from '../../checkers/inference/performance-rule.ts';

export default definePerformanceRule({
  id: 'perf/inferred-es-estimate',
  meta: {
    description: 'A MultiStream result inferred from a SingleStream run has an early-stopping latency estimate (early_stopping_latency_ms).',
    category: 'perf',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'inference_rules.adoc §4.1 (MultiStream inferred from SingleStream: eight times the 99th-percentile latency) and §3 (early stopping).',
    messages: {
      noEstimate:
        'This MultiStream result is inferred from a SingleStream run whose early_stopping_latency_ms is 0: the run processed too few queries for an early-stopping estimate of its latency. Run SingleStream longer (more queries) and re-run.',
      missingKey: MISSING_KEY_MESSAGE,
    },
    rejects: 'scenario',
    // The v4.1 monolith computes the condition into a variable it never reads.
    official: { rounds: { since: 'v5.0' } },
  },
  checkLog({ log, directoryScenario, effectiveScenario }) {
    if (directoryScenario !== 'MultiStream' || effectiveScenario !== 'SingleStream') return [];
    return checkNumber(log, 'early_stopping_latency_ms', (estimate) => estimate === 0, () => ({ messageId: 'noEstimate' }));
  },
});
