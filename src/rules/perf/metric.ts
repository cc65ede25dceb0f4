import { modelOfUnit } from '../../checkers/inference/model-name.ts';
import { computeResultMetric } from '../../checkers/inference/result-metric.ts';
import { performanceLogPath } from '../../checkers/inference/scenarios.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
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
  async check({ unit, round, load, index, report }) {
    const logPath = performanceLogPath(unit.path);
    // A missing or unreadable log is reported by the rules that own the run folder and the log.
    if (!index.isFile(logPath)) return;
    const model = await modelOfUnit(load, round, unit);
    const outcome = await computeResultMetric(load, unit, round, model);
    if (outcome.ok) return;
    report({ messageId: 'noMetric', file: logPath, data: { reason: outcome.reason } });
  },
});
