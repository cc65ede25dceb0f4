import { checkNumber, definePerformanceRule, MISSING_KEY_MESSAGE, usesEarlyStopping, type PerformanceLogInput } from '../../checkers/inference/performance-rule.ts';

/** The v4.1 monolith skips the check for the models its (broken) equal-issue list names, in closed and network. */
function skippedForEqualIssue({ profile, round, model, unit }: PerformanceLogInput): boolean {
  const policy = round.equalIssue;
  return profile === 'official' && policy?.officialSource === 'conf' && policy.divisions.includes(unit.division) && (policy.officialModels ?? []).includes(model);
}

export default definePerformanceRule({
  id: 'perf/min-query-count',
  meta: {
    description: "Runs without early stopping were configured for at least the scenario's minimum query count (effective_min_query_count).",
    category: 'perf',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'inference_rules.adoc §3 (minimum query count of each scenario).',
    messages: {
      tooFew:
        'This {{scenario}} run was configured with min_query_count {{found}} (effective_min_query_count), below the {{required}} required for {{model}}. Raise min_query_count in user.conf (or remove the override) and re-run.',
      missingKey: MISSING_KEY_MESSAGE,
    },
    rejects: 'scenario',
    official: {},
  },
  checkLog(input) {
    const { log, model, modelData, effectiveScenario, endpoints } = input;
    // Early-stopping scenarios decide their own query count; the modular checker skips endpoints runs.
    if (effectiveScenario === undefined || usesEarlyStopping(effectiveScenario) || skippedForEqualIssue(input) || endpoints) return [];
    const required = modelData?.minQueryCount?.[effectiveScenario];
    if (required === undefined) return [];
    return checkNumber(log, 'effective_min_query_count', (found) => found < required, (found) => ({
      messageId: 'tooFew',
      data: { scenario: effectiveScenario, found, required, model },
    }));
  },
});
