import { checksPerformanceRun, complianceScope, testFolder } from '../../checkers/inference/compliance.ts';
import { loadPerformanceLog, performanceLogFindings, type PerformanceRule } from '../../checkers/inference/performance-rule.ts';
import { selectRules } from '../../checkers/rule-selection.ts';
import { formatMessage } from '../../report/diagnostic.ts';
import earlyStopping from '../perf/early-stopping.ts';
import equalIssue from '../perf/equal-issue.ts';
import inferredEsEstimate from '../perf/inferred-es-estimate.ts';
import latencyP99 from '../perf/latency-p99.ts';
import llmTokenFlag from '../perf/llm-token-flag.ts';
import llmTtftTpot from '../perf/llm-ttft-tpot.ts';
import loadgenErrors from '../perf/loadgen-errors.ts';
import logParse from '../perf/log-parse.ts';
import metric from '../perf/metric.ts';
import minDuration from '../perf/min-duration.ts';
import minQueryCount from '../perf/min-query-count.ts';
import networkSutName from '../perf/network-sut-name.ts';
import offlineMinSpq from '../perf/offline-min-spq.ts';
import resultValid from '../perf/result-valid.ts';
import sampleCount from '../perf/sample-count.ts';
import scenarioInference from '../perf/scenario-inference.ts';
import seeds from '../perf/seeds.ts';
import serverTargetLatency from '../perf/server-target-latency.ts';
import { defineRule } from '../rule.ts';

/** Every check of the result's own performance log, in the order the checkers run them. */
const PERFORMANCE_RULES: readonly PerformanceRule[] = [
  logParse,
  resultValid,
  loadgenErrors,
  equalIssue,
  sampleCount,
  seeds,
  earlyStopping,
  serverTargetLatency,
  latencyP99,
  minQueryCount,
  offlineMinSpq,
  minDuration,
  networkSutName,
  llmTokenFlag,
  llmTtftTpot,
  scenarioInference,
  inferredEsEstimate,
  metric,
];

export default defineRule({
  id: 'comp/perf-log',
  meta: {
    description: "The performance run of each compliance test (TEST01, TEST04, and TEST05 in v4.1) passes the checks of the result's own performance log.",
    category: 'comp',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'network'],
    rounds: {},
    ruleText: 'submission_rules.adoc §5.13.2 (compliance tests: each is a valid LoadGen run of the submitted system) and inference_rules.adoc §5.',
    messages: {
      failed: 'The {{test}} performance run fails {{rule}}: {{message}} Re-run the {{test}} compliance test once the cause is fixed.',
    },
    // Both checkers reject the result when a compliance run fails its performance checks.
    rejects: 'scenario',
    official: {},
  },
  async check(context) {
    const { unit, round, profile, load, report } = context;
    const scope = await complianceScope(context);
    if (scope === undefined) return;
    // The checks the official checker of the round (or the recommended profile) applies to the result's own log.
    const active = new Set(selectRules(PERFORMANCE_RULES, { profile, round: round.id }).map(({ rule }) => rule.id));
    const rules = PERFORMANCE_RULES.filter((rule) => active.has(rule.id));
    for (const test of scope.tests) {
      if (!checksPerformanceRun(scope, test)) continue;
      // A missing run log is comp/required-files' finding (comp/test05's for TEST05).
      const loaded = await loadPerformanceLog(load, round, profile, unit, testFolder(scope, test), test);
      for (const rule of rules) {
        for (const finding of await performanceLogFindings(rule, loaded)) {
          const message = formatMessage(rule.meta.messages[finding.messageId] ?? finding.messageId, finding.data);
          report({ messageId: 'failed', file: loaded.logPath, ...(finding.line !== undefined && { line: finding.line }), data: { test, rule: rule.id, message } });
        }
      }
    }
  },
});
