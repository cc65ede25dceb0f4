import { checkNumber, definePerformanceRule, MISSING_KEY_MESSAGE } from '../../checkers/inference/performance-rule.ts';

export default definePerformanceRule({
  id: 'perf/min-duration',
  meta: {
    description: "The performance run was configured for at least the round's minimum duration (effective_min_duration_ms).",
    category: 'perf',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'inference_rules.adoc §3 (every performance run lasts at least 600 seconds).',
    messages: {
      tooShort:
        'The performance run was configured with min_duration {{found}} ms (effective_min_duration_ms), below the required {{required}} ms. Remove the min_duration override from user.conf (or raise it to at least {{required}}) and re-run.',
      missingKey: MISSING_KEY_MESSAGE,
    },
    rejects: 'scenario',
    official: {},
  },
  checkLog({ log, round, modelData }) {
    // Models the round exempts (the modular checker of v6.1 for the end-to-end RAG benchmarks).
    if (modelData?.minDurationExempt === true) return [];
    const required = round.minDurationMs;
    return checkNumber(log, 'effective_min_duration_ms', (found) => found < required, (found) => ({ messageId: 'tooShort', data: { found, required } }));
  },
});
