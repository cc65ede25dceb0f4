import { pythonFloatOf, type AccuracyTxt } from '../../parsers/accuracy-txt.ts';
import { failed, parsed, type FileSource, type ParseResult, type Parser } from '../../parsers/parse-result.ts';
import { verifyTxtParser, type VerifyReport } from '../../parsers/verify-txt.ts';
import type { FileList, ModelData, RoundData, Scenario } from '../../rounds/types.ts';
import type { Profile } from '../../rules/rule.ts';
import type { SubmissionIndex } from '../../tree/submission-index.ts';
import type { ScenarioUnit } from '../../tree/units.ts';
import { compareFileList } from './file-list.ts';
import { isEndpointsResult } from './measurements.ts';
import { modelOfUnit } from './model-name.ts';
import type { Load } from './result-metric.ts';
import { roundModel } from './scenario-table.ts';

export const VERIFY_ACCURACY = 'verify_accuracy.txt';
export const VERIFY_PERFORMANCE = 'verify_performance.txt';
export const VERIFY_OUTPUT_LENGTH = 'verify_output_len.txt';
export const PERFORMANCE_RUN = 'performance/run_1';
export const PERFORMANCE_RUN_LOG = `${PERFORMANCE_RUN}/mlperf_log_detail.txt`;

/** Tests with a performance run of their own (verify_performance.txt and performance/run_1/). */
const PERFORMANCE_RUN_TESTS: ReadonlySet<string> = new Set(['TEST01', 'TEST04', 'TEST05']);
/** Tests whose verification script writes verify_accuracy.txt. */
const ACCURACY_REPORT_TESTS: ReadonlySet<string> = new Set(['TEST01', 'TEST06', 'TEST07', 'TEST08']);
/** TEST05 (v4.1 only) has its own rule, comp/test05; the other comp rules leave it alone. */
export const TEST05 = 'TEST05';

/** The compliance tests one result must carry, and where. */
export interface ComplianceScope {
  readonly model: string;
  readonly modelData: ModelData;
  /** The tests the round requires for the model, in the round's order. */
  readonly tests: readonly string[];
  /** Where the TESTxx folders are: compliance/<system>/<benchmark>/<scenario>/ up to v5.1, the result folder from v6.0. */
  readonly folder: string;
  /**
   * Whether the performance runs of the tests are checked. The monolith (up to v5.1) skips them for every test of a
   * model whose list also holds TEST06; the `official` profile follows it there.
   */
  readonly checksPerformanceRuns: boolean;
}

/**
 * The compliance tests of a result, or undefined when there is nothing to check here: the model has no tests or is not
 * a model of the round (struct/closed-model-known), the compliance folder itself is missing (struct/compliance-dir), or
 * the result is a v6.1 endpoints result, whose tests are audit/audit_<test>.json files instead of TESTxx folders.
 * Compliance applies to the closed and network divisions only; the rules' `divisions` say so.
 */
export async function complianceScope(context: {
  readonly unit: ScenarioUnit;
  readonly round: RoundData;
  readonly profile: Profile;
  readonly index: SubmissionIndex;
  readonly load: Load;
}): Promise<ComplianceScope | undefined> {
  const { unit, round, profile, index, load } = context;
  const model = await modelOfUnit(load, round, unit);
  const modelData = roundModel(round, model);
  const tests = modelData?.complianceTests ?? [];
  if (modelData === undefined || tests.length === 0 || !index.isDirectory(unit.compliancePath) || isEndpointsResult(round, index, unit)) return undefined;
  const monolithQuirk = profile === 'official' && round.officialChecker.kind === 'monolith' && tests.includes('TEST06');
  return { model, modelData, tests, folder: unit.compliancePath, checksPerformanceRuns: !monolithQuirk };
}

export function testFolder(scope: ComplianceScope, test: string): string {
  return `${scope.folder}/${test}`;
}

/** The required tests whose folder is there (a missing folder is comp/test-dir's finding, or comp/test05's). */
export function presentTests(scope: ComplianceScope, index: SubmissionIndex): string[] {
  return scope.tests.filter((test) => index.isDirectory(testFolder(scope, test)));
}

/** Whether the performance run of a test is checked for this result. */
export function checksPerformanceRun(scope: ComplianceScope, test: string): boolean {
  return scope.checksPerformanceRuns && PERFORMANCE_RUN_TESTS.has(test);
}

/** The files a test's folder must hold, relative to it. */
export function requiredTestFiles(scope: ComplianceScope, test: string): string[] {
  const files: string[] = [];
  if (ACCURACY_REPORT_TESTS.has(test)) files.push(VERIFY_ACCURACY);
  if (test === 'TEST09') files.push(VERIFY_OUTPUT_LENGTH);
  if (checksPerformanceRun(scope, test)) files.push(VERIFY_PERFORMANCE, PERFORMANCE_RUN_LOG);
  return files;
}

/**
 * How a verification report is read as a pass. `anywhere`: some line contains `TEST PASS` (the monolith, and the
 * modular checker for verify_performance.txt, TEST07 and TEST09). `line`: some stripped line is exactly `TEST PASS` (the
 * modular checker for TEST01 and TEST08). `verdict`: the last `TEST PASS`/`TEST FAIL` line the script printed is a pass
 * (the recommended profile: a report that ends in a failure does not pass because "TEST PASS" appears elsewhere).
 */
export type PassReading = 'anywhere' | 'line' | 'verdict';

export interface PassOutcome {
  readonly passed: boolean;
  /** The line that decided: the pass line, or the failing verdict line when there is one. */
  readonly line?: number;
  /** The failing verdict line as printed, e.g. `TEST FAIL: Test score invalid`. */
  readonly failure?: string;
}

export function reportPasses(report: VerifyReport, reading: PassReading): PassOutcome {
  const lastVerdict = report.verdicts.at(-1);
  const failure = lastVerdict?.outcome === 'fail' ? { failure: lastVerdict.text, line: lastVerdict.line } : {};
  const passLine = reading === 'anywhere' ? report.passAnywhereLine : reading === 'line' ? report.lineOf('TEST PASS') : lastVerdict?.outcome === 'pass' ? lastVerdict.line : undefined;
  return passLine === undefined ? { passed: false, ...failure } : { passed: true, line: passLine };
}

/** The reading of a report the official checker of the round applies, or the recommended one. */
export function passReading(round: RoundData, profile: Profile, modular: PassReading): PassReading {
  if (profile === 'recommended') return 'verdict';
  return round.officialChecker.kind === 'monolith' ? 'anywhere' : modular;
}

/** A text to quote in a message: the failing verdict line, or a note that the report has none. */
export function describeFailure(outcome: PassOutcome): string {
  return outcome.failure === undefined ? 'it has no TEST PASS line' : `it says "${outcome.failure}"`;
}

/** Whether a LoadGen accuracy log (mlperf_log_accuracy.json) holds no entry at all: `[]`, whitespace, or nothing. */
export interface AccuracyLogContent {
  readonly empty: boolean;
}

const HEAD_BYTES = 4096;

/** Reads only the start of the log: an empty JSON array is a few bytes, a log with entries has `{` right after `[`. */
export const accuracyLogContentParser: Parser<AccuracyLogContent> = {
  id: 'accuracy-log-content',
  async parse(source: FileSource): Promise<ParseResult<AccuracyLogContent>> {
    const head = (await source.readHead(HEAD_BYTES)).toString('utf8').trimStart();
    if (head === '') return source.size <= HEAD_BYTES ? parsed({ empty: true }) : failed('malformed', 'starts with more than 4 KiB of blank space');
    if (!head.startsWith('[')) return failed('malformed', 'is not a JSON array');
    const afterBracket = head.slice(1).trimStart();
    if (afterBracket === '' && source.size > HEAD_BYTES) return failed('malformed', 'has more than 4 KiB of blank space after "["');
    return parsed({ empty: afterBracket === '' || afterBracket.startsWith(']') });
  },
};

/** The last line of an accuracy script's output that matched a metric's pattern, and the number it captured. */
export interface AccuracyReading {
  /** The captured text, e.g. `98.096`. */
  readonly text: string;
  /** The number Python's float() makes of it; undefined where float() raises (e.g. `1.2.3`). */
  readonly value: number | undefined;
  readonly line: number;
}

/**
 * A metric as the checkers read it from TEST01's baseline_accuracy.txt or compliance_accuracy.txt (parsed with the
 * round's accuracy.txt parser): Python `re.match` of the metric's pattern on each line, the last match wins.
 */
export function lastReading(output: AccuracyTxt, metric: string): AccuracyReading | undefined {
  const match = output.matches.findLast((candidate) => candidate.metric === metric);
  return match === undefined ? undefined : { text: match.text, value: pythonFloatOf(match.text), line: match.line };
}

export type LoadedReport = { readonly ok: true; readonly report: VerifyReport } | { readonly ok: false; readonly problem: string };

/**
 * A test's verification report, parsed once per audit; undefined when the file is not there (comp/required-files
 * reports that). Python could not decode a file that is not UTF-8 (the official checkers crash on it).
 */
export async function loadReport(load: Load, index: SubmissionIndex, file: string): Promise<LoadedReport | undefined> {
  if (!index.isFile(file)) return undefined;
  const parsedReport = await load(file, verifyTxtParser);
  return parsedReport.ok ? { ok: true, report: parsedReport.value } : { ok: false, problem: parsedReport.problems[0]?.message ?? 'cannot be read' };
}

/** The required files of a test (see requiredTestFiles) that its folder lacks. */
export function missingTestFiles(index: SubmissionIndex, scope: ComplianceScope, test: string): string[] {
  return requiredTestFiles(scope, test).filter((name) => !index.isFile(`${testFolder(scope, test)}/${name}`));
}

/** Why a test's verification report does not show a pass. */
export type ReportFinding =
  | { readonly messageId: 'unreadable'; readonly file: string; readonly data: { readonly problem: string } }
  | { readonly messageId: 'failed'; readonly file: string; readonly line?: number; readonly data: { readonly reason: string } };

/** Reads a report as passing or not; undefined when it is missing (comp/required-files reports that) or passes. */
async function reportFinding(load: Load, index: SubmissionIndex, file: string, reading: PassReading): Promise<{ finding?: ReportFinding; report?: VerifyReport } | undefined> {
  const loaded = await loadReport(load, index, file);
  if (loaded === undefined) return undefined;
  if (!loaded.ok) return { finding: { messageId: 'unreadable', file, data: { problem: loaded.problem } } };
  const outcome = reportPasses(loaded.report, reading);
  if (outcome.passed) return { report: loaded.report };
  return { finding: { messageId: 'failed', file, ...(outcome.line !== undefined && { line: outcome.line }), data: { reason: describeFailure(outcome) } } };
}

/** Why a test's verify_performance.txt does not pass; undefined when it passes, is missing, or is not checked. */
export async function performanceReportFinding(
  context: { readonly round: RoundData; readonly profile: Profile; readonly index: SubmissionIndex; readonly load: Load },
  scope: ComplianceScope,
  test: string,
): Promise<ReportFinding | undefined> {
  if (!checksPerformanceRun(scope, test)) return undefined;
  // Both checkers look for "TEST PASS" anywhere in verify_performance.txt.
  const read = await reportFinding(context.load, context.index, `${testFolder(scope, test)}/${VERIFY_PERFORMANCE}`, passReading(context.round, context.profile, 'anywhere'));
  return read?.finding;
}

/**
 * How a test's performance/run_1/ differs from the round's file list; undefined when the folder is missing (a missing
 * detail log is reported as a required file) or the run is not checked. The detail log is left out of `missing`.
 */
export function performanceRunDifferences(
  index: SubmissionIndex,
  round: RoundData,
  scope: ComplianceScope,
  test: string,
): { readonly folder: string; readonly missing: readonly string[]; readonly unexpected: readonly string[]; readonly expected: readonly string[] } | undefined {
  const folder = `${testFolder(scope, test)}/${PERFORMANCE_RUN}`;
  if (!checksPerformanceRun(scope, test) || !index.isDirectory(folder)) return undefined;
  const { missing, unexpected, expected } = compareFileList(index, folder, round.files.compliancePerformanceRun);
  return { folder, missing: missing.filter((name) => `${PERFORMANCE_RUN}/${name}` !== PERFORMANCE_RUN_LOG), unexpected, expected };
}

/** The files TEST01/accuracy/ holds when verify_accuracy.txt passes (REQUIRED_TEST01_ACC_FILES_1 of the checkers). */
export const TEST01_ACCURACY_FILES: FileList = { required: ['mlperf_log_accuracy.json', 'accuracy.txt'], optional: ['mlperf_log_trace.json', 'results.json', '.gitkeep'] };
export const TEST01_BASELINE = 'baseline_accuracy.txt';
export const TEST01_COMPLIANCE = 'compliance_accuracy.txt';
/** The files of the non-deterministic fallback (compliance/TEST01 README, part III; REQUIRED_TEST01_ACC_FILES). */
export const TEST01_FALLBACK_FILES: FileList = { ...TEST01_ACCURACY_FILES, required: [...TEST01_ACCURACY_FILES.required, TEST01_BASELINE, TEST01_COMPLIANCE] };

/** The accuracy metrics a result is held to: the model's targets, per scenario where the round has them. */
export function targetMetrics(modelData: ModelData, scenario: Scenario | undefined): string[] {
  const accuracy = modelData.accuracy;
  const targets = (scenario !== undefined && accuracy?.targetsByScenario?.[scenario]) || accuracy?.targets || [];
  return targets.map((target) => target.metric);
}

/**
 * The TEST01 tolerance for a metric, in percent: the round's per-metric value, else 0.1 for a `99.9` model and 1
 * otherwise. `checkerQuirk`: the v5.0 monolith looked the metric up by its first character (`acc_type[0]`, issue #2336,
 * fixed in v5.1.1 by #2337), so it always fell back to the default; the v4.1 monolith used (name, value) pairs and
 * found the name.
 */
export function test01DeltaPercent(model: string, modelData: ModelData, metric: string, checkerQuirk: boolean): number {
  const byModelName = model.includes('99.9') ? 0.1 : 1;
  if (checkerQuirk) return byModelName;
  return modelData.accuracy?.test01DeltaPercent?.[metric] ?? byModelName;
}

/** Something in a passing report that says the test did not pass, e.g. `Accuracy check pass: False`. */
export interface Contradiction {
  readonly detail: string;
  readonly line: number;
}

export type VerdictReportFinding = ReportFinding | { readonly messageId: 'contradicts'; readonly file: string; readonly line: number; readonly data: { readonly detail: string } };

/**
 * Reads a test's report that ends in TEST PASS or TEST FAIL (TEST07, TEST08, TEST09). `modular` is how the modular
 * checker reads it; the recommended profile takes the script's last verdict line and also looks for `contradiction`s.
 * Undefined when the test or its report is missing (comp/test-dir, comp/required-files) or it passes.
 */
export async function verdictReportFinding(
  context: { readonly round: RoundData; readonly profile: Profile; readonly index: SubmissionIndex; readonly load: Load },
  scope: ComplianceScope,
  test: string,
  reportName: string,
  modular: PassReading,
  contradiction: (report: VerifyReport) => Contradiction | undefined,
): Promise<VerdictReportFinding | undefined> {
  if (!scope.tests.includes(test)) return undefined;
  const file = `${testFolder(scope, test)}/${reportName}`;
  const read = await reportFinding(context.load, context.index, file, passReading(context.round, context.profile, modular));
  if (read?.report === undefined || context.profile === 'official') return read?.finding;
  const found = contradiction(read.report);
  return found === undefined ? undefined : { messageId: 'contradicts', file, line: found.line, data: { detail: found.detail } };
}

/** A `Name: True|False` line of a report that is not True. */
export function falseCheck(report: VerifyReport, label: string): Contradiction | undefined {
  const found = report.labels.get(label.toLowerCase());
  return found !== undefined && found.value !== 'True' ? { detail: `it says "${label}: ${found.value}"`, line: found.line } : undefined;
}
