import { definePerformanceRule, usesEarlyStopping } from '../../checkers/inference/performance-rule.ts';
import type { MllogLog } from '../../parsers/mllog.ts';

/** LoadGen's explanation; LLM runs log one per token metric instead of early_stopping_result. */
const RESULT_KEYS = ['early_stopping_result', 'early_stopping_ttft_result', 'early_stopping_tpot_result'];

function loadgenExplanation(log: MllogLog): string {
  const parts = RESULT_KEYS.flatMap((key) => {
    const value = log.get(key)?.value;
    return typeof value === 'string' && value.trim() !== '' ? [`${key}: ${JSON.stringify(value.trim())}`] : [];
  });
  return parts.length > 0 ? parts.join('; ') : 'LoadGen gives no explanation';
}

export default definePerformanceRule({
  id: 'perf/early-stopping',
  meta: {
    description: 'SingleStream, MultiStream and Server runs met LoadGen\'s early-stopping condition (early_stopping_met).',
    category: 'perf',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'inference_rules.adoc §3 (early stopping: the run must process enough queries for the latency percentile to be estimated).',
    messages: {
      notMet:
        'LoadGen reports that this {{scenario}} run did not meet the early-stopping condition ({{explanation}}), so its latency percentile is not established. Run longer (more queries) or at a lower load, then re-run.',
      noFlag:
        'The {{scenario}} performance log has no early_stopping_met event, so the early-stopping condition cannot be shown to be met. Submit the complete mlperf_log_detail.txt of an unmodified LoadGen.',
    },
    rejects: 'scenario',
    // The modular checker rejects; the monolith only logs an ERROR line and relies on result_validity
    // (perf/result-valid): a warning there.
    official: { severity: { monolith: 'warning', modular: 'error' } },
  },
  checkLog({ log, effectiveScenario, endpoints }) {
    // Endpoints runs report no early-stopping verdict; the modular checker waives it for them (#2628).
    if (effectiveScenario === undefined || !usesEarlyStopping(effectiveScenario) || endpoints) return [];
    const met = log.get('early_stopping_met');
    if (met === undefined) return [{ messageId: 'noFlag', data: { scenario: effectiveScenario } }];
    if (met.value === true) return [];
    return [{ messageId: 'notMet', line: met.line, data: { scenario: effectiveScenario, explanation: loadgenExplanation(log) } }];
  },
});
