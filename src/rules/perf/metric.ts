import { definePerformanceRule } from '../../checkers/inference/performance-rule.ts';
import { computeResultMetric } from '../../checkers/inference/result-metric.ts';

export default definePerformanceRule({
  id: 'perf/metric',
  meta: {
    description: "The performance log yields the result's metric (the key the round defines for its scenario and model).",
    category: 'perf',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'inference_rules.adoc §4.1 (metrics per scenario) and §3 (scenarios).',
    messages: {
      noMetric: 'The result has no metric: {{reason}}. Re-run the performance test with an unmodified LoadGen so that its detail log is complete.',
    },
    // The official checkers fail on float(None) and mark the result invalid.
    rejects: 'scenario',
    official: {},
  },
  async checkLog({ load, unit, runFolder, round, model }) {
    // The metric of the run in `runFolder` (the result's, or a compliance test's), reported under the result's scenario.
    const outcome = await computeResultMetric(load, { ...unit, path: runFolder }, round, model);
    return outcome.ok ? [] : [{ messageId: 'noMetric', data: { reason: outcome.reason } }];
  },
});
