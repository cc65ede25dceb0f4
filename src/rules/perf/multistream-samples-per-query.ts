import { definePerformanceRule, logNumber, type LogFinding } from '../../checkers/inference/performance-rule.ts';

type MessageId = 'changed' | 'changedOpen' | 'noSamplesPerQuery';

export default definePerformanceRule({
  id: 'perf/multistream-samples-per-query',
  meta: {
    description: "MultiStream runs issue mlperf.conf's samples per query (8, effective_samples_per_query); a user.conf that changes it makes the result open-only.",
    category: 'perf',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText:
      'inference_rules.adoc §3 (MultiStream: each query holds 8 samples) and §4.1 (results inferred from MultiStream assume 8 samples per query); TestSettings::FromConfig of LoadGen (test_settings_internal.cc) lists MultiStream samples_per_query among the user.conf keys that make a result eligible for open submissions only.',
    messages: {
      changed:
        'This MultiStream run issued {{found}} samples per query (effective_samples_per_query), not the {{expected}} that mlperf.conf sets; LoadGen allows that override for open results only. Remove samples_per_query from user.conf and re-run, or submit the result in the open division.',
      changedOpen:
        'This MultiStream run issued {{found}} samples per query (effective_samples_per_query), not the {{expected}} that mlperf.conf sets. The open division allows it; state it with the result, since its latency is not comparable with closed results.',
      noSamplesPerQuery:
        'The performance log has no numeric effective_samples_per_query, so the samples per query of this MultiStream run cannot be verified. Submit the complete mlperf_log_detail.txt as LoadGen wrote it.',
    },
    messageSeverities: { changedOpen: 'info', noSamplesPerQuery: 'info' },
    rejects: 'scenario',
    official: false,
  },
  checkLog({ log, round, unit, effectiveScenario, endpoints }): LogFinding<MessageId>[] {
    const expected = round.multiStreamSamplesPerQuery;
    // An endpoints result is configured by its config.yaml, which has no samples per query.
    if (effectiveScenario !== 'MultiStream' || expected === undefined || endpoints) return [];
    const event = log.get('effective_samples_per_query');
    const found = logNumber(event);
    if (event === undefined || found === undefined) return [{ messageId: 'noSamplesPerQuery', ...(event && { line: event.line }) }];
    if (found === expected) return [];
    return [{ messageId: unit.division === 'open' ? 'changedOpen' : 'changed', line: event.line, data: { found, expected } }];
  },
});
