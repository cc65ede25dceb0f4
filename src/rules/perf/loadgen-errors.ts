import { definePerformanceRule, logNumber } from '../../checkers/inference/performance-rule.ts';
import type { MllogEvent } from '../../parsers/mllog.ts';

/** How many errors a message quotes; the rest are counted. */
const QUOTED_ERRORS = 5;

/**
 * LoadGen logs this error when a second user configuration is loaded, which the TEST04 instructions make the SUT do
 * (spec §4.2); the modular checker tolerates it in compliance runs.
 */
const MULTIPLE_CONF_FILES = 'Multiple conf files are used';

function describeErrors(errors: readonly MllogEvent[]): string {
  const quoted = errors.slice(0, QUOTED_ERRORS).map((error) => `line ${error.line}: ${JSON.stringify(String(error.value).trim())}`);
  const more = errors.length - quoted.length;
  return more > 0 ? `${quoted.join('; ')}; and ${more} more` : quoted.join('; ');
}

export default definePerformanceRule({
  id: 'perf/loadgen-errors',
  meta: {
    description: 'LoadGen logged no error during the performance run.',
    category: 'perf',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'inference_rules.adoc §5 (the official, unmodified LoadGen must run the benchmark) and submission_rules.adoc §5.6.3.',
    messages: {
      errors:
        'LoadGen logged {{count}} error(s) during this performance run: {{errors}}. A run with LoadGen errors cannot be submitted: remove the cause (an unmodified LoadGen built from a clean checkout, one user.conf, valid settings), re-run the performance test and submit the new logs.',
      errorCount:
        'The performance log reports num_errors = {{count}}, so LoadGen met errors during this run. Remove their cause, re-run the performance test and submit the new logs.',
    },
    rejects: 'scenario',
    // The modular checker (v6.0+) fails on LoadGen errors only with --submission-exceptions, which official runs do
    // not pass (spec §0.5); the monolith rejects any error without that flag.
    official: { rounds: { until: 'v5.1' } },
  },
  checkLog({ log, profile, complianceTest }) {
    const tolerated = (error: MllogEvent): boolean =>
      profile === 'recommended' && complianceTest !== undefined && String(error.value).includes(MULTIPLE_CONF_FILES);
    const errors = log.errors.filter((error) => !tolerated(error));
    if (errors.length === 0) {
      // LoadGen ends its log with the number of errors it met; without error events of its own that number still counts.
      const count = log.get('num_errors');
      const value = logNumber(count);
      return count !== undefined && value !== undefined && value > 0 && log.errors.length === 0 ? [{ messageId: 'errorCount', line: count.line, data: { count: value } }] : [];
    }
    return [{ messageId: 'errors', line: (errors[0] as MllogEvent).line, data: { count: errors.length, errors: describeErrors(errors) } }];
  },
});
