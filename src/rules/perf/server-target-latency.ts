import { latencyConstraint } from '../../checkers/inference/corrected-constants.ts';
import { checkNumber, definePerformanceRule, MISSING_KEY_MESSAGE, usesEarlyStopping, type LogFinding } from '../../checkers/inference/performance-rule.ts';

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
      aboveCorrectedConstraint:
        'This {{scenario}} run was configured with a target latency of {{found}} ns (effective_target_latency_ns), above the {{constraint}} ns constraint of {{model}} that {{source}} states (the official table says {{official}} ns, an error the official checker applies). Set target_latency in user.conf no higher than {{constraint}} ns (or remove it) and re-run.',
      missingKey: MISSING_KEY_MESSAGE,
    },
    rejects: 'scenario',
    official: {},
  },
  checkLog({ log, model, modelData, profile, effectiveScenario, directoryScenario, endpoints }) {
    // An endpoints run configures no target latency: its measured p99 is held to the constraint (perf/latency-p99).
    if (effectiveScenario === undefined || !usesEarlyStopping(effectiveScenario) || endpoints) return [];
    // The official checkers look the constraint up by the scenario LoadGen ran, which is Server for an Interactive
    // folder; a constraint of the folder's own scenario is the one the result is published under.
    const ownConstraint = profile === 'recommended' && directoryScenario !== undefined ? latencyConstraint(modelData, directoryScenario, profile) : undefined;
    const constraint = ownConstraint ?? latencyConstraint(modelData, effectiveScenario, profile);
    if (constraint === undefined) return [];
    const { value, replaced } = constraint;
    return checkNumber(log, 'effective_target_latency_ns', (found) => found > value, (found): Omit<LogFinding<'aboveConstraint' | 'aboveCorrectedConstraint'>, 'line'> =>
      replaced === undefined
        ? { messageId: 'aboveConstraint', data: { scenario: effectiveScenario, found, constraint: value, model } }
        : { messageId: 'aboveCorrectedConstraint', data: { scenario: effectiveScenario, found, constraint: value, model, official: replaced.official, source: replaced.source } },
    );
  },
});
