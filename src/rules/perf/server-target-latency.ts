import { checkNumber, definePerformanceRule, MISSING_KEY_MESSAGE, usesEarlyStopping } from '../../checkers/inference/performance-rule.ts';

export default definePerformanceRule({
  id: 'perf/server-target-latency',
  meta: {
    description: "The run's configured target latency (effective_target_latency_ns) is within the benchmark's latency constraint.",
    category: 'perf',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'inference_rules.adoc §4.1 (the Server latency constraint of each benchmark) and §3 (Server scenario).',
    messages: {
      aboveConstraint:
        'This {{scenario}} run was configured with a target latency of {{found}} ns (effective_target_latency_ns), above the {{constraint}} ns constraint of {{model}}. Set target_latency in user.conf no higher than the constraint (or remove it) and re-run.',
      missingKey: MISSING_KEY_MESSAGE,
    },
    rejects: 'scenario',
    official: {},
  },
  checkLog({ log, model, modelData, profile, effectiveScenario, directoryScenario }) {
    if (effectiveScenario === undefined || !usesEarlyStopping(effectiveScenario)) return [];
    const constraints = modelData?.latencyConstraintNs ?? {};
    // The official checkers look the constraint up by the scenario LoadGen ran, which is Server for an Interactive
    // folder; a constraint of the folder's own scenario is the one the result is published under.
    const ownConstraint = profile === 'recommended' && directoryScenario !== undefined ? constraints[directoryScenario] : undefined;
    const constraint = ownConstraint ?? constraints[effectiveScenario];
    if (constraint === undefined) return [];
    return checkNumber(log, 'effective_target_latency_ns', (found) => found > constraint, (found) => ({
      messageId: 'aboveConstraint',
      data: { scenario: effectiveScenario, found, constraint, model },
    }));
  },
});
