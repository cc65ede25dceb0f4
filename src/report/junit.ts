import type { AuditResult } from '../checkers/inference/audit-submission.ts';
import { RULE_CRASHED } from '../checkers/internal-rules.ts';
import type { ResultVerdict } from '../checkers/verdicts.ts';
import type { Diagnostic } from './diagnostic.ts';
import type { Reporter } from './reporter.ts';
import { registeredRule, ruleCategory } from './rule-lookup.ts';

/** The suite of the findings above single results: the whole tree, its divisions, submitters, systems, benchmarks. */
export const SUBMISSION_WIDE_SUITE = 'submission-wide';

type Outcome =
  | { readonly kind: 'passed' }
  | { readonly kind: 'failure' | 'error'; readonly message: string; readonly type: string; readonly body: string }
  | { readonly kind: 'skipped'; readonly message: string };

interface TestCase {
  readonly ruleId: string;
  readonly outcome: Outcome;
  /** Warnings, infos and waived findings, which neither fail nor error a test. */
  readonly output: readonly string[];
}

interface TestSuite {
  readonly name: string;
  readonly properties: readonly (readonly [name: string, value: string])[];
  readonly cases: readonly TestCase[];
}

/**
 * JUnit XML for CI test views: one suite per result with one test case per rule that checks results (passes
 * included, skipped where the rule does not apply to the result's division), and one suite for the rules that check
 * the levels above (submission-wide). A rule fails where it found an error; a rule that crashed is a test error.
 */
export const junitReporter: Reporter = (result) => junitXml(testSuites(result), result);

function testSuites(result: AuditResult): TestSuite[] {
  const findings = findingsBySuiteAndRule(result.diagnostics);
  const isResultRule = (id: string): boolean => registeredRule(id)?.meta.scope === 'scenario';
  const resultRules = result.rules.filter((rule) => isResultRule(rule.id)).map((rule) => rule.id);
  const otherRules = result.rules.filter((rule) => !isResultRule(rule.id)).map((rule) => rule.id);
  const submissionWide: TestSuite = {
    name: SUBMISSION_WIDE_SUITE,
    properties: [
      ['tool', `${result.tool.name} ${result.tool.version}`],
      ['round', result.round.id],
      ['profile', result.profile],
    ],
    cases: testCases(otherRules, findings.get(SUBMISSION_WIDE_SUITE)),
  };
  const resultSuites = result.results.map((verdict): TestSuite => ({
    name: verdict.path,
    properties: [['division', verdict.division], ['verdict', verdict.status], ...(verdict.rejectedBy.length > 0 ? [['rejected-by', verdict.rejectedBy.join(' ')] as const] : [])],
    cases: testCases(resultRules, findings.get(verdict.path), verdict),
  }));
  return [submissionWide, ...resultSuites];
}

/** Findings by suite (a result's path, or the submission-wide suite) and by the rule they speak for. */
function findingsBySuiteAndRule(diagnostics: readonly Diagnostic[]): Map<string, Map<string, Diagnostic[]>> {
  const suites = new Map<string, Map<string, Diagnostic[]>>();
  for (const diagnostic of diagnostics) {
    const suite = diagnostic.unit.kind === 'scenario' ? diagnostic.unit.path : SUBMISSION_WIDE_SUITE;
    // A crash is reported under its own id; it is a test error of the rule that crashed.
    const ruleId = diagnostic.ruleId === RULE_CRASHED.id ? String(diagnostic.data?.['rule'] ?? diagnostic.ruleId) : diagnostic.ruleId;
    const byRule = suites.get(suite) ?? new Map<string, Diagnostic[]>();
    byRule.set(ruleId, [...(byRule.get(ruleId) ?? []), diagnostic]);
    suites.set(suite, byRule);
  }
  return suites;
}

/** A case per rule, then one per other id the suite's findings name (the configuration's waivers, for one). */
function testCases(ruleIds: readonly string[], findings: ReadonlyMap<string, readonly Diagnostic[]> = new Map(), verdict?: ResultVerdict): TestCase[] {
  const listed = new Set(ruleIds);
  const others = [...findings.keys()].filter((id) => !listed.has(id));
  return [...ruleIds, ...others].map((ruleId) => {
    const divisions = registeredRule(ruleId)?.meta.divisions;
    if (verdict !== undefined && divisions !== undefined && !divisions.some((division) => division === verdict.division)) {
      return { ruleId, outcome: { kind: 'skipped', message: `${ruleId} does not apply to the ${verdict.division} division` }, output: [] };
    }
    return testCase(ruleId, findings.get(ruleId) ?? []);
  });
}

function testCase(ruleId: string, findings: readonly Diagnostic[]): TestCase {
  const crashes = findings.filter((diagnostic) => diagnostic.ruleId === RULE_CRASHED.id);
  const errors = findings.filter((diagnostic) => diagnostic.ruleId !== RULE_CRASHED.id && diagnostic.severity === 'error' && diagnostic.suppression === undefined);
  const output = findings.filter((diagnostic) => !crashes.includes(diagnostic) && !errors.includes(diagnostic)).map(outputLine);
  const failing = crashes.length > 0 ? crashes : errors;
  const [first] = failing;
  if (first === undefined) return { ruleId, outcome: { kind: 'passed' }, output };
  const message = failing.length === 1 ? first.message : `${first.message} (and ${failing.length - 1} more)`;
  const body = [...crashes, ...errors].map((diagnostic) => `${position(diagnostic)}: ${diagnostic.message}`).join('\n');
  return { ruleId, outcome: { kind: crashes.length > 0 ? 'error' : 'failure', message, type: first.ruleId, body }, output };
}

function outputLine(diagnostic: Diagnostic): string {
  const waived = diagnostic.suppression === undefined ? '' : ` (waived: ${diagnostic.suppression.justification} — ${diagnostic.suppression.approvedBy})`;
  return `${diagnostic.severity}${waived} ${position(diagnostic)}: ${diagnostic.message}`;
}

function position(diagnostic: Diagnostic): string {
  return `${diagnostic.file || '.'}${diagnostic.line === undefined ? '' : `:${diagnostic.line}`}`;
}

function junitXml(suites: readonly TestSuite[], result: AuditResult): string {
  const totals = suites.map(countsOf).reduce(
    (sum, counts) => ({ tests: sum.tests + counts.tests, failures: sum.failures + counts.failures, errors: sum.errors + counts.errors, skipped: sum.skipped + counts.skipped }),
    { tests: 0, failures: 0, errors: 0, skipped: 0 },
  );
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attributes({ name: result.tool.name, ...totals, time: (result.stats.durationMs / 1000).toFixed(3) })}>`,
    ...suites.flatMap(suiteXml),
    '</testsuites>',
  ];
  return `${lines.join('\n')}\n`;
}

function suiteXml(suite: TestSuite): string[] {
  return [
    `  <testsuite${attributes({ name: suite.name, ...countsOf(suite) })}>`,
    '    <properties>',
    ...suite.properties.map(([name, value]) => `      <property${attributes({ name, value })}/>`),
    '    </properties>',
    ...suite.cases.flatMap(caseXml),
    '  </testsuite>',
  ];
}

function caseXml(testCase: TestCase): string[] {
  const { outcome, output } = testCase;
  const open = `    <testcase${attributes({ classname: ruleCategory(testCase.ruleId), name: testCase.ruleId })}`;
  const inner = [
    ...(outcome.kind === 'skipped' ? [`      <skipped${attributes({ message: outcome.message })}/>`] : []),
    ...(outcome.kind === 'failure' || outcome.kind === 'error' ? [`      <${outcome.kind}${attributes({ message: outcome.message, type: outcome.type })}>${xmlText(outcome.body)}</${outcome.kind}>`] : []),
    ...(output.length > 0 ? [`      <system-out>${xmlText(output.join('\n'))}</system-out>`] : []),
  ];
  return inner.length === 0 ? [`${open}/>`] : [`${open}>`, ...inner, '    </testcase>'];
}

function countsOf(suite: TestSuite): { tests: number; failures: number; errors: number; skipped: number } {
  const count = (kind: Outcome['kind']): number => suite.cases.filter((testCase) => testCase.outcome.kind === kind).length;
  return { tests: suite.cases.length, failures: count('failure'), errors: count('error'), skipped: count('skipped') };
}

function attributes(values: Readonly<Record<string, string | number>>): string {
  return Object.entries(values)
    .map(([name, value]) => ` ${name}="${xmlAttribute(String(value))}"`)
    .join('');
}

/** Characters XML 1.0 does not allow at all (control bytes copied from logs, lone surrogates): dropped. */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function xmlText(text: string): string {
  return text.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** Also keeps tabs and line breaks, which a parser would otherwise turn into spaces in an attribute. */
function xmlAttribute(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}
