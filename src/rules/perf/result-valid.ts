import { definePerformanceRule, type PerformanceLogInput } from '../../checkers/inference/performance-rule.ts';
import type { MllogLog } from '../../parsers/mllog.ts';

/** LoadGen's own verdict flags, in the words a message uses when they are false. */
const CONSTRAINT_FLAGS: readonly (readonly [string, string])[] = [
  ['result_min_duration_met', 'the minimum duration was not reached'],
  ['result_min_queries_met', 'too few queries were issued'],
  ['result_perf_constraints_met', 'the latency constraints were not met'],
  ['early_stopping_met', 'the early-stopping condition was not met'],
];

/** Why LoadGen judged the run invalid: its own explanation, else the flags that are false. */
function invalidReason(log: MllogLog): string {
  const stated = log.get('result_invalid_reason')?.value;
  if (typeof stated === 'string' && stated.trim() !== '') return `LoadGen says: "${stated.trim()}"`;
  const failed = CONSTRAINT_FLAGS.filter(([key]) => log.get(key)?.value === false).map(([, words]) => words);
  return failed.length > 0 ? failed.join('; ') : 'LoadGen gives no reason';
}

/**
 * The v4.1 monolith overwrites the validity with the outcome of its LLM check for the models it checks, so an INVALID
 * run of those models passes there (spec §1.4, M41 check_performance_dir).
 */
function validityOverwritten({ profile, round, modelData }: PerformanceLogInput): boolean {
  return profile === 'official' && round.id === 'v4.1' && modelData?.llm === true;
}

export default definePerformanceRule({
  id: 'perf/result-valid',
  meta: {
    description: 'LoadGen judged the performance run VALID (result_validity).',
    category: 'perf',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'inference_rules.adoc §3 (each scenario\'s run requirements, which LoadGen verifies) and §5 (LoadGen); submission_rules.adoc §5.6.3.',
    messages: {
      invalid:
        'LoadGen judged this performance run {{validity}} ({{reason}}). Only VALID runs can be submitted: remove the cause (for example a too high target QPS or a shortened run in user.conf), re-run the performance test and submit the new logs.',
      noValidity:
        'The performance log has no result_validity event, so the run cannot be shown to be VALID. Submit the complete mlperf_log_detail.txt of a finished run, as LoadGen wrote it.',
    },
    rejects: 'scenario',
    // The modular checker (v6.0+) never enforces it (spec §0.5, NEW get_performance_metric_check).
    official: { rounds: { until: 'v5.1' } },
  },
  checkLog(input) {
    // An endpoints run has no LoadGen validity verdict.
    if (validityOverwritten(input) || input.endpoints) return [];
    const validity = input.log.get('result_validity');
    if (validity === undefined) return [{ messageId: 'noValidity' }];
    if (validity.value === 'VALID') return [];
    return [{ messageId: 'invalid', line: validity.line, data: { validity: String(validity.value), reason: invalidReason(input.log) } }];
  },
});
