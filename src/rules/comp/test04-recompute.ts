import { describeComparisonFailure, percentText, recomputeComplianceRun, shortLatencyNs, type ComparisonMethod } from '../../checkers/inference/performance-comparison.ts';
import { defineRule } from '../rule.ts';

const TEST04 = 'TEST04';

/**
 * TEST04's verify_performance.py: rates (1e9/latency for SingleStream and MultiStream), one-sided, and its threshold
 * chosen from the rate instead of the latency; its Server target-latency pattern never matches.
 */
const OFFICIAL: ComparisonMethod = { bound: 'notFaster', thresholdOnRate: true, inclusive: false, checksTargetLatency: false };
/** The test as its README states it: 10 %, or 20 % for latencies up to 200 µs (SingleStream) or 1.6 ms (MultiStream). */
const CORRECTED: ComparisonMethod = { bound: 'notFaster', thresholdOnRate: false, inclusive: false, checksTargetLatency: true };

const REMEDY = 'Find what profits from the repeated sample (a cache in the model, the runtime or the harness), remove it, and rerun the performance run and TEST04.';

export default defineRule({
  id: 'comp/test04-recompute',
  meta: {
    description: 'TEST04 recomputed from the two detail logs: the run that repeats one sample is not faster than the submitted run beyond the threshold, and both Server runs used the same target latency.',
    category: 'comp',
    scope: 'scenario',
    severity: 'error',
    messageSeverities: { officialFails: 'warning', cannotRecompute: 'info' },
    divisions: ['closed', 'network'],
    rounds: {},
    ruleText:
      'inference_rules.adoc §5.1 (caching of queries, query parameters or intermediate results is prohibited) and §8.2 (caching queries or responses is not allowed); submission_rules.adoc §5.13.2 (compliance tests must pass); the TEST04 README of mlcommons/inference compliance/ (TEST04 may not be more than 10 % faster, 20 % for short latencies).',
    messages: {
      faster:
        'TEST04 ran {{faster}} % faster than the submitted run ({{key}}: {{test}} in TEST04, {{reference}} in the submitted run), more than the {{threshold}} % the test allows: the system profits from seeing one sample again, which caching rules out. ' +
        REMEDY,
      fasterThresholdQuirk:
        'TEST04 ran {{faster}} % faster than the submitted run ({{key}}: {{test}} ns in TEST04, {{reference}} ns in the submitted run), more than the 10 % the test allows for a {{scenario}} latency above {{shortLatency}} ns; the official verify_performance.py lets it pass only because it picks its threshold from 1e9/latency, which always allows 20 %. ' +
        REMEDY,
      targetLatency:
        'The Server runs were made with different target latencies ({{test}} ns in TEST04, {{reference}} ns in the submitted run), so TEST04 did not repeat the submitted configuration; the official verify_performance.py never compares them because its "target_latency (ns)" pattern does not match the summary line. Rerun TEST04 with the settings of the submitted run.',
      contradicts:
        'verify_performance.txt says TEST PASS, but the official comparison of the two detail logs fails: {{reason}}. The report does not come from these logs: run TEST04\'s run_verification.py on the submitted run and the TEST04 run, and submit its output with their logs.',
      officialFails:
        'The official verify_performance.py fails this TEST04 ({{reason}}) only because it picks its threshold from 1e9/latency: for a {{scenario}} latency of {{latency}} ns the test allows 20 %, and TEST04 stays within that. If the official checker rejects the result for it, show the review committee this comparison.',
      cannotRecompute: 'TEST04 cannot be recomputed from the logs: {{reason}}. Submit both detail logs as LoadGen wrote them so that the comparison can be checked.',
    },
    // A failed recomputation is a failed compliance test: the result is rejected.
    rejects: 'scenario',
    official: false,
  },
  async check(context) {
    const { report } = context;
    // Models the round exempts from TEST04 have no TEST04 in their list.
    const recomputed = await recomputeComplianceRun(context, TEST04, { official: OFFICIAL, corrected: CORRECTED });
    if (recomputed === undefined) return;
    if (!recomputed.ok) {
      report({ messageId: 'cannotRecompute', file: recomputed.file, data: { reason: recomputed.reason } });
      return;
    }
    const { reference, test, official, finding } = recomputed;
    if (finding === undefined) return;
    if (finding.kind === 'contradicts') {
      const { file, line } = finding.report;
      report({ messageId: 'contradicts', file, ...(line !== undefined && { line }), data: { reason: describeComparisonFailure(official, reference, test, TEST04) } });
    } else if (finding.kind === 'officialFails') {
      report({ messageId: 'officialFails', file: test.path, line: test.scoreLine, data: { reason: describeComparisonFailure(official, reference, test, TEST04), scenario: reference.scenario, latency: reference.score } });
    } else if (finding.corrected.failure === 'targetLatency') {
      report({ messageId: 'targetLatency', file: test.path, data: { test: String(test.targetLatencyNs), reference: String(reference.targetLatencyNs) } });
    } else if (finding.corrected.failure === 'score') {
      const { fasterPercent, thresholdPercent } = finding.corrected;
      const data = { faster: percentText(fasterPercent), key: test.scoreKey, test: test.score, reference: reference.score, threshold: thresholdPercent };
      if (finding.officialPasses) {
        const shortLatency = shortLatencyNs(reference.scenario) ?? 0;
        report({ messageId: 'fasterThresholdQuirk', file: test.path, line: test.scoreLine, data: { ...data, scenario: reference.scenario, shortLatency } });
      } else report({ messageId: 'faster', file: test.path, line: test.scoreLine, data });
    }
    // An invalid run or a scenario mismatch fails both comparisons; comp/perf-log and comp/verify-performance report it.
  },
});
