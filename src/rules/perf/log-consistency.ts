import { definePerformanceRule, logNumber, shownValue, type LogFinding } from '../../checkers/inference/performance-rule.ts';
import { powerWindow } from '../../checkers/inference/power.ts';
import type { MllogLog } from '../../parsers/mllog.ts';

type MessageId = 'flagFalse' | 'tooShort' | 'tooFewQueries' | 'latencyAboveTarget' | 'cannotVerify';

/** LoadGen's verdict is the conjunction of these flags (results.cc); Offline, SingleStream and MultiStream logs have no result_perf_constraints_met. */
const VALIDITY_FLAGS = ['result_min_duration_met', 'result_min_queries_met', 'result_perf_constraints_met', 'early_stopping_met'];

/**
 * power_begin and power_end are wall-clock times with millisecond digits, logged around the whole run while LoadGen
 * measures durations on a monotonic clock: a second covers the rounding and any clock adjustment during the run.
 */
const CLOCK_TOLERANCE_MS = 1000;
const NS_PER_MS = 1e6;

/** The duration evidence of a run: the wall-clock window around it, and for Offline LoadGen's own criterion. */
function durationFindings(log: MllogLog, minimumMs: number, offline: boolean): { findings: LogFinding<MessageId>[]; unverifiable: string[] } {
  const findings: LogFinding<MessageId>[] = [];
  const unverifiable: string[] = [];
  const window = powerWindow(log);
  if (window.ok) {
    const spanMs = (window.endUs - window.beginUs) / 1000;
    if (spanMs + CLOCK_TOLERANCE_MS < minimumMs) {
      const line = log.get('power_end')?.line;
      findings.push({ messageId: 'tooShort', ...(line !== undefined && { line }), data: { minimum: minimumMs, evidence: `power_begin (${window.beginText}) and power_end (${window.endText}), logged around the run, are only ${spanMs / 1000} s apart` } });
    }
  } else {
    unverifiable.push(`the run's duration (${window.reason})`);
  }
  if (offline) {
    // LoadGen's min_duration_met of an Offline run: the last sample completed at least the minimum after the start.
    const maxLatency = log.get('result_max_latency_ns');
    const value = logNumber(maxLatency);
    if (maxLatency !== undefined && value !== undefined && value < minimumMs * NS_PER_MS) {
      findings.push({ messageId: 'tooShort', line: maxLatency.line, data: { minimum: minimumMs, evidence: `its last sample completed ${value / 1e9} s after the start (result_max_latency_ns)` } });
    }
  }
  return { findings, unverifiable };
}

/** The `NN.NN` of LoadGen's percentile keys, e.g. 0.99 → `99.00`. */
function percentileText(fraction: number): string {
  return (fraction * 100).toFixed(2);
}

/**
 * The bound LoadGen verified for a VALID Server run (PerfConstraintsMet): the latency at the target percentile within
 * the target latency, or with token latencies the first-token and per-output-token latencies within their targets.
 */
function latencyFindings(log: MllogLog): { findings: LogFinding<MessageId>[]; unverifiable: string[] } {
  const percentile = logNumber(log.get('effective_target_latency_percentile'));
  if (percentile === undefined) return { findings: [], unverifiable: ['the latency bound (no effective_target_latency_percentile)'] };
  const pct = percentileText(percentile);
  const tokens = log.get('requested_use_token_latencies')?.value === true;
  const pairs = tokens
    ? [
        { key: `result_first_token_${pct}_percentile_latency_ns`, targetKey: 'requested_server_ttft_latency', what: 'time to first token' },
        { key: `result_time_per_output_token_${pct}_percentile_ns`, targetKey: 'requested_server_tpot_latency', what: 'time per output token' },
      ]
    : [{ key: `result_${pct}_percentile_latency_ns`, targetKey: 'effective_target_latency_ns', what: 'latency' }];
  const findings: LogFinding<MessageId>[] = [];
  const unverifiable: string[] = [];
  for (const { key, targetKey, what } of pairs) {
    const target = logNumber(log.get(targetKey));
    // A target of 0 means no latency bound (LLMs bound their token latencies instead).
    if (target === 0) continue;
    const event = log.get(key);
    const latency = logNumber(event);
    if (target === undefined || event === undefined || latency === undefined) {
      unverifiable.push(`the ${what} bound (no numeric ${target === undefined ? targetKey : key})`);
    } else if (latency > target) {
      findings.push({ messageId: 'latencyAboveTarget', line: event.line, data: { percentile: Number(pct), what, target, targetKey, key, latency } });
    }
  }
  return { findings, unverifiable };
}

export default definePerformanceRule({
  id: 'perf/log-consistency',
  meta: {
    description: 'A performance log that says VALID agrees with itself: its validity flags, duration, query count and latency at the target percentile all meet what LoadGen requires of a VALID run.',
    category: 'perf',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText:
      'inference_rules.adoc §3 (each scenario\'s minimum duration, query count and latency bound, which LoadGen verifies) and §5 (the unmodified LoadGen measures the run); submission_rules.adoc §5.6.3 (the logs are submitted as LoadGen wrote them).',
    messages: {
      flagFalse:
        'The log says the run is VALID (result_validity, line {{validityLine}}), yet {{key}} is {{value}}: LoadGen only says VALID when all its constraints are met, so the log has been edited. Submit the mlperf_log_detail.txt LoadGen wrote, unmodified (re-run the performance test if the run was INVALID).',
      tooShort:
        'The log says the run is VALID, which requires a duration of at least {{minimum}} ms (effective_min_duration_ms), yet {{evidence}}. A VALID log that contradicts itself has been edited: submit the mlperf_log_detail.txt LoadGen wrote, unmodified, or re-run the performance test.',
      tooFewQueries:
        'The log says the run is VALID, which requires at least {{minimum}} queries (effective_min_query_count), yet result_query_count is {{count}}. A VALID log that contradicts itself has been edited: submit the mlperf_log_detail.txt LoadGen wrote, unmodified, or re-run the performance test.',
      latencyAboveTarget:
        'The log says the run is VALID, which requires its {{percentile}}th-percentile {{what}} to be within {{target}} ns ({{targetKey}}), yet {{key}} is {{latency}} ns. A VALID log that contradicts itself has been edited: submit the mlperf_log_detail.txt LoadGen wrote, unmodified, or re-run the performance test.',
      cannotVerify:
        'The log says the run is VALID, but {{what}} cannot be checked against it. Submit the complete mlperf_log_detail.txt as LoadGen wrote it.',
    },
    messageSeverities: { cannotVerify: 'info' },
    rejects: 'scenario',
    official: false,
  },
  checkLog({ log, effectiveScenario, endpoints }) {
    // An endpoints result has no LoadGen log: its keys are synthesized from a summary that states no verdict.
    if (endpoints) return [];
    const validity = log.get('result_validity');
    // An INVALID run is perf/result-valid's finding.
    if (validity === undefined || validity.value !== 'VALID') return [];
    const findings: LogFinding<MessageId>[] = [];
    const unverifiable: string[] = [];
    for (const key of VALIDITY_FLAGS) {
      const flag = log.get(key);
      if (flag !== undefined && flag.value !== true) findings.push({ messageId: 'flagFalse', line: flag.line, data: { validityLine: validity.line, key, value: shownValue(flag) } });
    }
    const minimumDuration = logNumber(log.get('effective_min_duration_ms'));
    if (minimumDuration === undefined) unverifiable.push("the run's duration (no effective_min_duration_ms)");
    else {
      const duration = durationFindings(log, minimumDuration, effectiveScenario === 'Offline');
      findings.push(...duration.findings);
      unverifiable.push(...duration.unverifiable);
    }
    const queries = log.get('result_query_count');
    const count = logNumber(queries);
    const minimumQueries = logNumber(log.get('effective_min_query_count'));
    if (queries === undefined || count === undefined || minimumQueries === undefined) unverifiable.push('the query count (no result_query_count or effective_min_query_count)');
    else if (count < minimumQueries) findings.push({ messageId: 'tooFewQueries', line: queries.line, data: { minimum: minimumQueries, count } });
    if (effectiveScenario === 'Server') {
      const latency = latencyFindings(log);
      findings.push(...latency.findings);
      unverifiable.push(...latency.unverifiable);
    }
    if (findings.length > 0 || unverifiable.length === 0) return findings;
    return [{ messageId: 'cannotVerify', line: validity.line, data: { what: unverifiable.join(', ') } }];
  },
});
