import { checkNumber, definePerformanceRule, MISSING_KEY_MESSAGE, type PerformanceLogInput } from '../../checkers/inference/performance-rule.ts';

/**
 * The modular checker (v6.0+) checks the closed division only, the monolith every division; the rule holds closed
 * and network results to it (network results follow the closed rules).
 */
function appliesTo({ profile, round, unit }: PerformanceLogInput): boolean {
  if (profile === 'official') return round.officialChecker.kind === 'monolith' || unit.division === 'closed';
  return unit.division !== 'open';
}

export default definePerformanceRule({
  id: 'perf/offline-min-spq',
  meta: {
    description: "Offline runs issued at least the model's minimum number of samples in their query (effective_samples_per_query).",
    category: 'perf',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'inference_rules.adoc §3 (Offline: at least 24,576 samples, or the whole data set when it is smaller) and §4.1.',
    messages: {
      tooFew:
        'This Offline run issued {{found}} samples in its query (effective_samples_per_query), below the {{required}} required for {{model}}. Raise min_query_count (or the expected QPS) in user.conf so that the query holds at least {{required}} samples, and re-run.',
      missingKey: MISSING_KEY_MESSAGE,
    },
    rejects: 'scenario',
    official: {},
  },
  checkLog(input) {
    const { log, model, modelData, effectiveScenario, endpoints } = input;
    const required = modelData?.offlineMinSamplesPerQuery;
    // The modular checker checks it with the minimum query count, which it skips for endpoints runs (no LoadGen queries).
    if (effectiveScenario !== 'Offline' || required === undefined || !appliesTo(input) || endpoints) return [];
    return checkNumber(log, 'effective_samples_per_query', (found) => found < required, (found) => ({ messageId: 'tooFew', data: { found, required, model } }));
  },
});
