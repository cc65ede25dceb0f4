import { definePerformanceRule, logNumber, type LogFinding } from '../../checkers/inference/performance-rule.ts';

type MessageId = 'changed' | 'changedOpen' | 'noPercentile';

/** The percentile as a message writes it: 0.99 → 99, 0.999 → 99.9. */
function percent(fraction: number): number {
  return Number((fraction * 100).toFixed(6));
}

export default definePerformanceRule({
  id: 'perf/target-latency-percentile',
  meta: {
    description: "SingleStream, MultiStream and Server runs use mlperf.conf's latency percentile (effective_target_latency_percentile); a user.conf that changes it makes the result open-only.",
    category: 'perf',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText:
      'inference_rules.adoc §3 (the tail-latency percentile of each scenario: 90th for SingleStream, 99th for MultiStream and Server) and §4.1.2 (open results report the latency constraints they were measured under); TestSettings::FromConfig of LoadGen (test_settings_internal.cc) lists target_latency_percentile among the user.conf keys that make a result eligible for open submissions only.',
    messages: {
      changed:
        'This {{scenario}} run measured its latency at the {{found}}th percentile (effective_target_latency_percentile), not the {{expected}}th that mlperf.conf sets for {{model}}; LoadGen allows that override for open results only. Remove target_latency_percentile from user.conf and re-run, or submit the result in the open division.',
      changedOpen:
        'This {{scenario}} run measured its latency at the {{found}}th percentile (effective_target_latency_percentile), not the {{expected}}th that mlperf.conf sets for {{model}}. The open division allows it; state the percentile with the result, since it is not comparable with closed results.',
      noPercentile:
        'The performance log has no numeric effective_target_latency_percentile, so the latency percentile of this {{scenario}} run cannot be verified. Submit the complete mlperf_log_detail.txt as LoadGen wrote it.',
    },
    messageSeverities: { changedOpen: 'info', noPercentile: 'info' },
    rejects: 'scenario',
    official: false,
  },
  checkLog({ log, round, unit, model, modelData, effectiveScenario, endpoints }): LogFinding<MessageId>[] {
    // An endpoints result is configured by its config.yaml, which has no latency percentile.
    if (effectiveScenario === undefined || endpoints) return [];
    const expected = modelData?.latencyPercentiles?.[effectiveScenario] ?? round.latencyPercentiles?.[effectiveScenario];
    // Offline has no latency bound.
    if (expected === undefined) return [];
    const event = log.get('effective_target_latency_percentile');
    const fraction = logNumber(event);
    if (event === undefined || fraction === undefined) return [{ messageId: 'noPercentile', ...(event && { line: event.line }), data: { scenario: effectiveScenario } }];
    const found = percent(fraction);
    if (found === expected) return [];
    return [{ messageId: unit.division === 'open' ? 'changedOpen' : 'changed', line: event.line, data: { scenario: effectiveScenario, found, expected, model } }];
  },
});
