import { definePerformanceRule, type LogFinding } from '../../checkers/inference/performance-rule.ts';
import { computeResultMetric } from '../../checkers/inference/result-metric.ts';

type MessageId = 'noMetric' | 'noEndpointsMetric' | 'endpointsKeyNeverWritten';

export default definePerformanceRule({
  id: 'perf/metric',
  meta: {
    description: "The performance log (for an endpoints result, its performance summary) yields the result's metric (the key the round defines for its scenario and model).",
    category: 'perf',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'inference_rules.adoc §4.1 (metrics per scenario) and §3 (scenarios).',
    messages: {
      noMetric: 'The result has no metric: {{reason}}. Re-run the performance test with an unmodified LoadGen so that its detail log is complete.',
      noEndpointsMetric:
        'The endpoints result has no metric: {{reason}}. Submit the config.yaml and performance/result_summary.json the endpoints tool wrote for this run (config.yaml\'s "type" names the scenario).',
      endpointsKeyNeverWritten:
        'The official checker of round {{round}} reads the metric of this {{model}} result from {{key}}, a key its endpoints parser never writes (it maps "tps" to {{substitute}} only), so it rejects every such endpoints result. Nothing in the submission can change that: report it to the inference working group (the recommended profile reads {{substitute}}).',
    },
    // The official checkers fail on float(None) and mark the result invalid.
    rejects: 'scenario',
    official: {},
  },
  async checkLog({ load, unit, runFolder, round, model, profile, endpoints }): Promise<LogFinding<MessageId>[]> {
    // The metric of the run in `runFolder` (the result's, or a compliance test's), reported under the result's scenario.
    const outcome = await computeResultMetric(load, { ...unit, path: runFolder }, round, model, profile);
    if (outcome.ok) return [];
    if (!endpoints) return [{ messageId: 'noMetric', data: { reason: outcome.reason } }];
    // The official profile's own quirk (#2649): the LoadGen key a model's metric overrides to may not exist for endpoints.
    const substitute = outcome.missingKey === undefined ? undefined : round.endpoints?.resultFieldSubstitutes[outcome.missingKey];
    if (substitute !== undefined && outcome.missingKey !== undefined) {
      return [{ messageId: 'endpointsKeyNeverWritten', data: { round: round.id, model, key: outcome.missingKey, substitute } }];
    }
    return [{ messageId: 'noEndpointsMetric', data: { reason: outcome.reason } }];
  },
});
