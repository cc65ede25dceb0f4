import { mllogParser, type MllogLog } from '../../parsers/mllog.ts';
import type { Scenario } from '../../rounds/types.ts';
import type { SubmissionIndex } from '../../tree/submission-index.ts';
import type { ScenarioUnit } from '../../tree/units.ts';
import { complianceScope, loadReport, PERFORMANCE_RUN_LOG, presentTests, reportPasses, testFolder, VERIFY_PERFORMANCE, type ComplianceScope } from './compliance.ts';
import { logNumber } from './performance-rule.ts';
import type { Load } from './result-metric.ts';
import { canonicalScenario, performanceLogPath } from './scenarios.ts';

/** The figure verify_performance.py compares, per scenario LoadGen ran (an Interactive run reports Server). */
const SCORE_KEYS: Readonly<Record<Scenario, string | undefined>> = {
  Offline: 'result_samples_per_second',
  Server: 'result_completed_samples_per_sec',
  SingleStream: 'early_stopping_latency_ss',
  MultiStream: 'early_stopping_latency_ms',
  Interactive: undefined,
};

/** Latencies (ns) up to which the scripts allow 20 % instead of 10 %: short runs vary more from run to run. */
const SHORT_LATENCY_NS: Readonly<Partial<Record<Scenario, number>>> = { SingleStream: 200_000, MultiStream: 1_600_000 };
const NORMAL_THRESHOLD = 0.1;
const RELAXED_THRESHOLD = 0.2;

/** What the verification scripts read from one performance run. */
export interface RunFigures {
  readonly path: string;
  readonly scenario: Scenario;
  readonly valid: boolean;
  /** The score's log key and value: a throughput (Offline, Server) or an early-stopping latency in ns. */
  readonly scoreKey: string;
  readonly score: number;
  readonly scoreLine: number;
  readonly targetLatencyNs: number | undefined;
}

export type LoadedRuns =
  | { readonly ok: true; readonly reference: RunFigures; readonly test: RunFigures }
  | { readonly ok: false; readonly file: string; readonly reason: string };

/** The latency (ns) up to which a run of this scenario is allowed 20 %; undefined for the throughput scenarios. */
export function shortLatencyNs(scenario: Scenario): number | undefined {
  return SHORT_LATENCY_NS[scenario];
}

function isLatency(scenario: Scenario): boolean {
  return SHORT_LATENCY_NS[scenario] !== undefined;
}

function figuresOf(path: string, log: MllogLog, scenario: Scenario): RunFigures | string {
  const scoreKey = SCORE_KEYS[scenario];
  if (scoreKey === undefined) return `${path} is a run of the ${scenario} scenario, which the verification scripts do not compare`;
  const event = log.get(scoreKey);
  const score = logNumber(event);
  if (event === undefined || score === undefined) return `${path} has no numeric ${scoreKey}`;
  if (isLatency(scenario) && score <= 0) return `${path} gives ${scoreKey} = ${score}, which is no latency`;
  const validity = log.get('result_validity')?.value;
  return { path, scenario, valid: validity === 'VALID', scoreKey, score, scoreLine: event.line, targetLatencyNs: logNumber(log.get('effective_target_latency_ns')) };
}

async function loadFigures(load: Load, index: SubmissionIndex, path: string): Promise<RunFigures | string> {
  if (!index.isFile(path)) return `${path} is missing`;
  const parsed = await load(path, mllogParser);
  if (!parsed.ok) return `${path} ${parsed.problems[0]?.message ?? 'cannot be read'}`;
  const ran = canonicalScenario(String(parsed.value.get('effective_scenario')?.value ?? ''));
  if (ran === undefined) return `${path} names no known effective_scenario`;
  return figuresOf(path, parsed.value, ran);
}

/**
 * The figures of a result's own performance run and of a compliance test's run, as the test's verify_performance.py
 * reads them; or why they cannot be read. The test run's figures are read for the scenario it says it ran, so that a
 * mismatch shows in the comparison.
 */
async function loadComparedRuns(load: Load, index: SubmissionIndex, unit: ScenarioUnit, scope: ComplianceScope, test: string): Promise<LoadedRuns> {
  const referencePath = performanceLogPath(unit.path);
  const testPath = `${testFolder(scope, test)}/${PERFORMANCE_RUN_LOG}`;
  const reference = await loadFigures(load, index, referencePath);
  if (typeof reference === 'string') return { ok: false, file: referencePath, reason: reference };
  const testRun = await loadFigures(load, index, testPath);
  if (typeof testRun === 'string') return { ok: false, file: testPath, reason: testRun };
  return { ok: true, reference, test: testRun };
}

/** How a verification script compares the two runs. */
export interface ComparisonMethod {
  /** `notFaster` (TEST04): the test run may not beat the submitted run by more than the threshold; `window` (TEST01): it must stay within it either way. */
  readonly bound: 'notFaster' | 'window';
  /**
   * TEST04's script turns SingleStream/MultiStream latencies into 1e9/latency before it picks the threshold, so its
   * "latency ≤ 200 µs" test reads a rate and the relaxed 20 % applies to nearly every run.
   */
  readonly thresholdOnRate: boolean;
  /** Whether a score exactly on a bound passes (TEST01's detail-log script) or not (the summary-log scripts). */
  readonly inclusive: boolean;
  /** Whether Server runs must have been made with the same target latency (the summary scripts' pattern never matches). */
  readonly checksTargetLatency: boolean;
}

export type Comparison =
  | { readonly passed: true }
  | { readonly passed: false; readonly failure: 'invalid'; readonly run: RunFigures }
  | { readonly passed: false; readonly failure: 'scenario' }
  | { readonly passed: false; readonly failure: 'targetLatency' }
  | { readonly passed: false; readonly failure: 'score'; readonly thresholdPercent: number; readonly fasterPercent: number };

/**
 * How much faster the test run was (negative: slower), in percent as the bound measures it: of the submitted rate for
 * `notFaster` (1e9/latency for the latency scenarios), of the submitted score for `window`.
 */
function fasterPercent(reference: RunFigures, test: RunFigures, bound: ComparisonMethod['bound']): number {
  if (!isLatency(reference.scenario)) return (test.score / reference.score - 1) * 100;
  return bound === 'notFaster' ? (reference.score / test.score - 1) * 100 : (1 - test.score / reference.score) * 100;
}

function threshold(reference: RunFigures, method: ComparisonMethod): number {
  const limit = SHORT_LATENCY_NS[reference.scenario];
  if (limit === undefined) return NORMAL_THRESHOLD;
  const measured = method.thresholdOnRate ? 1e9 / reference.score : reference.score;
  return measured <= limit ? RELAXED_THRESHOLD : NORMAL_THRESHOLD;
}

function scoreWithin(reference: RunFigures, test: RunFigures, method: ComparisonMethod, allowed: number): boolean {
  if (method.bound === 'notFaster') {
    // TEST04's script compares rates: 1e9/latency for the latency scenarios.
    const rate = (run: RunFigures): number => (isLatency(run.scenario) ? 1e9 / run.score : run.score);
    return rate(test) < rate(reference) * (1 + allowed);
  }
  const low = reference.score * (1 - allowed);
  const high = reference.score * (1 + allowed);
  return method.inclusive ? low <= test.score && test.score <= high : low < test.score && test.score < high;
}

/** Compares a compliance run with the submitted run the way `method` says, in the scripts' order of checks. */
function compareRuns(reference: RunFigures, test: RunFigures, method: ComparisonMethod): Comparison {
  if (!reference.valid) return { passed: false, failure: 'invalid', run: reference };
  if (!test.valid) return { passed: false, failure: 'invalid', run: test };
  if (reference.scenario !== test.scenario) return { passed: false, failure: 'scenario' };
  if (method.checksTargetLatency && reference.scenario === 'Server' && reference.targetLatencyNs !== test.targetLatencyNs) return { passed: false, failure: 'targetLatency' };
  const allowed = threshold(reference, method);
  if (scoreWithin(reference, test, method, allowed)) return { passed: true };
  return { passed: false, failure: 'score', thresholdPercent: Math.round(allowed * 100), fasterPercent: fasterPercent(reference, test, method.bound) };
}

/** A percentage for a message: two decimals, no sign. */
export function percentText(value: number): string {
  return Math.abs(value).toFixed(2);
}

/** Why a comparison failed, as a clause for a message. */
export function describeComparisonFailure(comparison: Comparison, reference: RunFigures, test: RunFigures, testName: string): string {
  if (comparison.passed) return 'it passes';
  switch (comparison.failure) {
    case 'invalid':
      return `${comparison.run === reference ? 'the submitted run' : `the ${testName} run`} is not VALID`;
    case 'scenario':
      return `the submitted run is a ${reference.scenario} run and the ${testName} run a ${test.scenario} run`;
    case 'targetLatency':
      return `the Server runs were made with different target latencies (${String(reference.targetLatencyNs)} ns and ${String(test.targetLatencyNs)} ns)`;
    case 'score': {
      const direction = comparison.fasterPercent >= 0 ? 'faster' : 'slower';
      return `the ${testName} run was ${percentText(comparison.fasterPercent)} % ${direction} than the submitted run (${test.scoreKey} ${test.score} against ${reference.score}), beyond the ${comparison.thresholdPercent} % allowed`;
    }
  }
}

/** What the submitted verify_performance.txt says: its last verdict line, or nothing to read. */
export type ReportReading = { readonly state: 'pass' | 'fail'; readonly file: string; readonly line: number | undefined } | { readonly state: 'absent' };

async function readPerformanceReport(load: Load, index: SubmissionIndex, scope: ComplianceScope, test: string): Promise<ReportReading> {
  const file = `${testFolder(scope, test)}/${VERIFY_PERFORMANCE}`;
  const loaded = await loadReport(load, index, file);
  if (loaded === undefined || !loaded.ok) return { state: 'absent' };
  const outcome = reportPasses(loaded.report, 'verdict');
  return { state: outcome.passed ? 'pass' : 'fail', file, line: outcome.line };
}

/** The finding a recomputation leads to, before the rule words it. */
export type RecomputedFinding =
  /** The report says TEST PASS, but the official script, run on these logs, would print TEST FAIL. */
  | { readonly kind: 'contradicts'; readonly official: Comparison & { readonly passed: false }; readonly report: ReportReading & { readonly state: 'pass' } }
  /** The comparison the rules describe fails; `officialPasses` when the official script's quirk lets it through. */
  | { readonly kind: 'fails'; readonly corrected: Comparison & { readonly passed: false }; readonly officialPasses: boolean }
  /** Only the official script fails it, because of its quirk. */
  | { readonly kind: 'officialFails'; readonly official: Comparison & { readonly passed: false } };

/**
 * Weighs the official comparison, the corrected one and the submitted report. A failure that the report already states
 * (TEST FAIL, and the official script agrees) is comp/verify-performance's finding, not repeated here.
 */
function weighRecomputation(official: Comparison, corrected: Comparison, report: ReportReading): RecomputedFinding | undefined {
  if (!official.passed && report.state === 'pass') return { kind: 'contradicts', official, report: { ...report, state: 'pass' } };
  if (!corrected.passed) {
    if (!official.passed && report.state === 'fail') return undefined;
    return { kind: 'fails', corrected, officialPasses: official.passed };
  }
  return official.passed ? undefined : { kind: 'officialFails', official };
}

/** A compliance run recomputed against the submitted run, or why it cannot be. */
export type Recomputation =
  | { readonly ok: false; readonly file: string; readonly reason: string }
  | { readonly ok: true; readonly reference: RunFigures; readonly test: RunFigures; readonly official: Comparison; readonly finding: RecomputedFinding | undefined };

/**
 * The recomputation both TEST01 and TEST04 rules make: the test's performance run against the result's, by the
 * official script's method and by the corrected one, weighed with the submitted verify_performance.txt. Undefined
 * where the result has no such test (comp/test-dir reports a missing folder).
 */
export async function recomputeComplianceRun(
  context: Parameters<typeof complianceScope>[0],
  testName: string,
  methods: { readonly official: ComparisonMethod; readonly corrected: ComparisonMethod },
): Promise<Recomputation | undefined> {
  const { unit, index, load } = context;
  const scope = await complianceScope(context);
  if (scope === undefined || !presentTests(scope, index).includes(testName)) return undefined;
  const runs = await loadComparedRuns(load, index, unit, scope, testName);
  if (!runs.ok) return runs;
  const { reference, test } = runs;
  const official = compareRuns(reference, test, methods.official);
  const corrected = compareRuns(reference, test, methods.corrected);
  return { ok: true, reference, test, official, finding: weighRecomputation(official, corrected, await readPerformanceReport(load, index, scope, testName)) };
}

