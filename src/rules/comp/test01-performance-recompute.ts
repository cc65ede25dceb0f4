import { describeComparisonFailure, percentText, recomputeComplianceRun, type ComparisonMethod } from '../../checkers/inference/performance-comparison.ts';
import { compareRounds } from '../../rounds/load-round.ts';
import type { RoundData } from '../../rounds/types.ts';
import { defineRule } from '../rule.ts';

const TEST01 = 'TEST01';

/** The test as its README states it, and TEST01's verify_performance.py from v5.0 on (detail logs, bounds inclusive). */
const CORRECTED: ComparisonMethod = { bound: 'window', thresholdOnRate: false, inclusive: true, checksTargetLatency: true };
/** The v4.1 script read the summaries: bounds exclusive, and its "target_latency (ns)" pattern never matches. */
const SUMMARY_SCRIPT: ComparisonMethod = { bound: 'window', thresholdOnRate: false, inclusive: false, checksTargetLatency: false };

function officialMethod(round: RoundData): ComparisonMethod {
  return compareRounds(round.id, 'v4.1') <= 0 ? SUMMARY_SCRIPT : CORRECTED;
}

export default defineRule({
  id: 'comp/test01-performance-recompute',
  meta: {
    description: 'TEST01\'s performance check recomputed from the two detail logs: both runs VALID, of the same scenario, Server target latencies equal, and the TEST01 score within the window around the submitted score.',
    category: 'comp',
    scope: 'scenario',
    severity: 'error',
    messageSeverities: { officialFails: 'warning', cannotRecompute: 'info' },
    divisions: ['closed', 'network'],
    rounds: {},
    ruleText:
      'submission_rules.adoc §5.13.2 (compliance tests must pass); the TEST01 README of mlcommons/inference compliance/ (the run that logs sampled outputs must perform within 10 % of the submitted run, 20 % for short latencies).',
    messages: {
      outsideWindow:
        'TEST01 ran {{change}} % {{direction}} than the submitted run ({{key}}: {{test}} in TEST01, {{reference}} in the submitted run), outside the ±{{threshold}} % window the test allows, so the run that logged outputs for the accuracy comparison did not perform like the submitted run. Find out why (a different configuration, or logging that slows the system), fix it, and rerun TEST01.',
      targetLatency:
        'The Server runs were made with different target latencies ({{test}} ns in TEST01, {{reference}} ns in the submitted run), so TEST01 did not repeat the submitted configuration. Rerun TEST01 with the settings of the submitted run.',
      targetLatencyUnchecked:
        'The Server runs were made with different target latencies ({{test}} ns in TEST01, {{reference}} ns in the submitted run), so TEST01 did not repeat the submitted configuration; this round\'s verify_performance.py never compares them because its "target_latency (ns)" pattern does not match the summary line. Rerun TEST01 with the settings of the submitted run.',
      contradicts:
        'verify_performance.txt says TEST PASS, but the official comparison of the two detail logs fails: {{reason}}. The report does not come from these logs: run TEST01\'s run_verification.py on the submitted run and the TEST01 run, and submit its output with their logs.',
      officialFails:
        'This round\'s official verify_performance.py fails TEST01 ({{reason}}) only because it counts a score exactly on the bound as outside; the test\'s window includes its bounds. If the official checker rejects the result for it, show the review committee this comparison.',
      cannotRecompute: 'TEST01\'s performance check cannot be recomputed from the logs: {{reason}}. Submit both detail logs as LoadGen wrote them so that the comparison can be checked.',
    },
    // A failed recomputation is a failed compliance test: the result is rejected.
    rejects: 'scenario',
    official: false,
  },
  async check(context) {
    const { report, round } = context;
    const recomputed = await recomputeComplianceRun(context, TEST01, { official: officialMethod(round), corrected: CORRECTED });
    if (recomputed === undefined) return;
    if (!recomputed.ok) {
      report({ messageId: 'cannotRecompute', file: recomputed.file, data: { reason: recomputed.reason } });
      return;
    }
    const { reference, test, official, finding } = recomputed;
    if (finding === undefined) return;
    if (finding.kind === 'contradicts') {
      const { file, line } = finding.report;
      report({ messageId: 'contradicts', file, ...(line !== undefined && { line }), data: { reason: describeComparisonFailure(official, reference, test, TEST01) } });
    } else if (finding.kind === 'officialFails') {
      report({ messageId: 'officialFails', file: test.path, line: test.scoreLine, data: { reason: describeComparisonFailure(official, reference, test, TEST01) } });
    } else if (finding.corrected.failure === 'targetLatency') {
      const data = { test: String(test.targetLatencyNs), reference: String(reference.targetLatencyNs) };
      report({ messageId: finding.officialPasses ? 'targetLatencyUnchecked' : 'targetLatency', file: test.path, data });
    } else if (finding.corrected.failure === 'score') {
      const { fasterPercent, thresholdPercent } = finding.corrected;
      const data = { change: percentText(fasterPercent), direction: fasterPercent >= 0 ? 'faster' : 'slower', key: test.scoreKey, test: test.score, reference: reference.score, threshold: thresholdPercent };
      report({ messageId: 'outsideWindow', file: test.path, line: test.scoreLine, data });
    }
    // An invalid run or a scenario mismatch fails both comparisons; comp/perf-log and comp/verify-performance report it.
  },
});
