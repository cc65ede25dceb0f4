import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditResult } from '../../src/checkers/inference/audit-submission.ts';
import { RULE_CRASHED } from '../../src/checkers/internal-rules.ts';
import { junitReporter, SUBMISSION_WIDE_SUITE } from '../../src/report/junit.ts';
import { registry } from '../../src/rules/registry.ts';
import { auditSharedRound, finding, snapshotAudit } from '../support/report-audits.ts';

interface ParsedCase {
  readonly classname: string;
  readonly name: string;
  readonly failure?: { readonly message: string; readonly type: string; readonly '#text'?: string };
  readonly error?: { readonly message: string; readonly type: string };
  readonly skipped?: { readonly message: string };
  readonly 'system-out'?: string;
}

interface ParsedSuite {
  readonly name: string;
  readonly tests: string;
  readonly failures: string;
  readonly errors: string;
  readonly skipped: string;
  readonly properties: { readonly property: readonly { readonly name: string; readonly value: string }[] };
  readonly testcase: readonly ParsedCase[];
}

interface ParsedReport {
  readonly testsuites: { readonly tests: string; readonly failures: string; readonly errors: string; readonly skipped: string; readonly testsuite: readonly ParsedSuite[] };
}

function parseJunit(xml: string): ParsedReport {
  expect(XMLValidator.validate(xml)).toBe(true);
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name) });
  return parser.parse(xml) as ParsedReport;
}

const scopeOf = (id: string) => registry.find((rule) => rule.id === id)?.meta.scope;
const divisionsOf = (id: string) => registry.find((rule) => rule.id === id)?.meta.divisions ?? [];

/** Per suite, the counts the audit itself implies, computed from its findings and the rules that ran. */
function expectedCounts(audit: AuditResult, suite: string) {
  const verdict = audit.results.find((result) => result.path === suite);
  const inSuite = audit.diagnostics.filter((diagnostic) => (verdict === undefined ? diagnostic.unit.kind !== 'scenario' : diagnostic.unit.path === suite && diagnostic.unit.kind === 'scenario'));
  const rules = audit.rules.map((rule) => rule.id).filter((id) => (scopeOf(id) === 'scenario') === (verdict !== undefined));
  const others = new Set(inSuite.map((diagnostic) => (diagnostic.ruleId === RULE_CRASHED.id ? String(diagnostic.data?.['rule']) : diagnostic.ruleId)).filter((id) => !rules.includes(id)));
  const failing = new Set(inSuite.filter((diagnostic) => diagnostic.severity === 'error' && diagnostic.suppression === undefined && diagnostic.ruleId !== RULE_CRASHED.id).map((diagnostic) => diagnostic.ruleId));
  const skipped = verdict === undefined ? 0 : rules.filter((id) => !divisionsOf(id).some((division) => division === verdict.division)).length;
  return { tests: rules.length + others.size, failures: failing.size, errors: 0, skipped };
}

describe.each(['v5.1', 'v6.0'])('junit of the real %s submissions', (round) => {
  let audit: AuditResult;
  let report: ParsedReport;
  beforeAll(async () => {
    audit = await auditSharedRound(round);
    report = parseJunit(junitReporter(audit, { color: false }));
  });

  it('has the submission-wide suite, then a suite per result', () => {
    expect(report.testsuites.testsuite.map((suite) => suite.name)).toEqual([SUBMISSION_WIDE_SUITE, ...audit.results.map((result) => result.path)]);
  });

  it('counts in each suite the tests, failures and skips the audit implies, and its cases agree with its counts', () => {
    for (const suite of report.testsuites.testsuite) {
      const counted = { tests: Number(suite.tests), failures: Number(suite.failures), errors: Number(suite.errors), skipped: Number(suite.skipped) };
      expect({ suite: suite.name, ...counted }).toEqual({ suite: suite.name, ...expectedCounts(audit, suite.name) });
      const cases = suite.testcase;
      expect(counted).toEqual({
        tests: cases.length,
        failures: cases.filter((testCase) => testCase.failure !== undefined).length,
        errors: cases.filter((testCase) => testCase.error !== undefined).length,
        skipped: cases.filter((testCase) => testCase.skipped !== undefined).length,
      });
    }
  });

  it('sums the suites in the totals', () => {
    const sum = (key: 'tests' | 'failures' | 'errors' | 'skipped') => report.testsuites.testsuite.reduce((total, suite) => total + Number(suite[key]), 0);
    const { tests, failures, errors, skipped } = report.testsuites;
    expect({ tests, failures, errors, skipped }).toEqual({ tests: String(sum('tests')), failures: String(sum('failures')), errors: String(sum('errors')), skipped: String(sum('skipped')) });
  });
});

describe('junit', () => {
  it('matches the snapshot of v5.1 audited with a few rules and two waivers', async () => {
    await expect(junitReporter(await snapshotAudit(), { color: false })).toMatchFileSnapshot('__snapshots__/junit-v5.1.xml');
  });

  it('escapes markup and drops the characters XML 1.0 forbids, in attributes and in text', async () => {
    const audit = await snapshotAudit();
    const [result] = audit.results;
    const nasty = 'Bad <tag> & "quotes" \'apos\'\u0001\u0008\u001f\uFFFE\uD800 ]]> tab\tline\nend';
    const xml = junitReporter({ ...audit, diagnostics: [finding({ ruleId: 'acc/hash', message: nasty, file: `${result?.path}/accuracy/accuracy.txt`, unit: { kind: 'scenario', path: result?.path ?? '' } })] }, { color: false });
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\uFFFE\uD800]/);
    const suite = parseJunit(xml).testsuites.testsuite.find((parsed) => parsed.name === result?.path);
    const failure = suite?.testcase.find((testCase) => testCase.name === 'acc/hash')?.failure;
    expect(failure?.type).toBe('acc/hash');
    expect(xml).toContain('message="Bad &lt;tag&gt; &amp; &quot;quotes&quot; &apos;apos&apos; ]]&gt; tab&#9;line&#10;end"');
    expect(failure?.['#text']).toContain('accuracy.txt: Bad <tag> & "quotes"');
  });

  it('reports a rule that crashed as a test error of that rule, and a waived error as a pass that says so', async () => {
    const audit = await snapshotAudit();
    const [result] = audit.results;
    const unit = { kind: 'scenario' as const, path: result?.path ?? '' };
    const crash = finding({ ruleId: RULE_CRASHED.id, messageId: 'crashed', message: 'Rule acc/hash failed.', file: unit.path, unit, data: { rule: 'acc/hash' } });
    const waived = finding({
      ruleId: 'meas/user-conf-lines',
      file: `${unit.path}/user.conf`,
      unit,
      suppression: { kind: 'waiver', justification: 'Known', approvedBy: 'Chair', source: { file: 'mlperf-audit.config.yaml', index: 0 } },
    });
    const suite = parseJunit(junitReporter({ ...audit, diagnostics: [crash, waived] }, { color: false })).testsuites.testsuite.find((parsed) => parsed.name === unit.path);
    expect(suite?.errors).toBe('1');
    expect(suite?.failures).toBe('0');
    expect(suite?.testcase.find((testCase) => testCase.name === 'acc/hash')?.error).toEqual({ message: 'Rule acc/hash failed.', type: RULE_CRASHED.id, '#text': `${unit.path}: Rule acc/hash failed.` });
    const conf = suite?.testcase.find((testCase) => testCase.name === 'meas/user-conf-lines');
    expect(conf?.failure).toBeUndefined();
    expect(conf?.['system-out']).toBe(`error (waived: Known — Chair) ${unit.path}/user.conf: A hidden file.`);
  });

  it('skips a rule in a result of a division it does not apply to, and says which', async () => {
    const report = parseJunit(junitReporter(await snapshotAudit(), { color: false }));
    const closed = report.testsuites.testsuite.find((suite) => suite.name.startsWith('closed/'));
    const open = report.testsuites.testsuite.find((suite) => suite.name.startsWith('open/'));
    expect(closed?.testcase.find((testCase) => testCase.name === 'acc/open-bounds')?.skipped).toEqual({ message: 'acc/open-bounds does not apply to the closed division' });
    expect(open?.testcase.find((testCase) => testCase.name === 'acc/open-bounds')?.skipped).toBeUndefined();
  });
});
