import { checkNumber, definePerformanceRule, MISSING_KEY_MESSAGE, usesEarlyStopping } from '../../checkers/inference/performance-rule.ts';

export default definePerformanceRule({
  id: 'perf/latency-p99',
  meta: {
    description: "Runs without early stopping have a 99th-percentile latency within the benchmark's latency constraint.",
    category: 'perf',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'inference_rules.adoc §4.1 (latency constraints of each benchmark and scenario).',
    messages: {
      aboveConstraint:
        'The 99th-percentile latency of this {{scenario}} result (run as {{ran}}) is {{found}} ns (result_99.00_percentile_latency_ns), above the {{constraint}} ns constraint of {{model}}. Lower the load (or improve the latency) and re-run.',
      missingKey: MISSING_KEY_MESSAGE,
    },
    rejects: 'scenario',
    // The modular checker rejects; the monolith only logs an ERROR line: a warning there.
    official: { severity: { monolith: 'warning', modular: 'error' } },
  },
  checkLog({ log, model, modelData, profile, effectiveScenario, directoryScenario, endpoints }) {
    if (effectiveScenario === undefined || directoryScenario === undefined) return [];
    // Early-stopping runs are checked on their configured target (perf/server-target-latency) and by LoadGen itself.
    // An endpoints run has neither, so its p99 is held to the constraint in every scenario, except an LLM's, whose
    // TTFT and TPOT perf/llm-ttft-tpot checks.
    if (endpoints ? modelData?.llm === true : usesEarlyStopping(effectiveScenario)) return [];
    // The constraint of the scenario the result is published under (the modular checker maps the folder name; for an
    // endpoints run it takes the scenario it derives from config.yaml).
    const constraint = modelData?.latencyConstraintNs?.[endpoints && profile === 'official' ? effectiveScenario : directoryScenario];
    if (constraint === undefined) return [];
    return checkNumber(log, 'result_99.00_percentile_latency_ns', (found) => found > constraint, (found) => ({
      messageId: 'aboveConstraint',
      data: { scenario: directoryScenario, ran: effectiveScenario, found, constraint, model },
    }));
  },
});
