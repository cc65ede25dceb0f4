import { describe, expect, it } from 'vitest';
import { FileLoader } from '../../src/checkers/file-loader.ts';
import { runRules } from '../../src/checkers/run-rules.ts';
import { selectRules } from '../../src/checkers/rule-selection.ts';
import type { Diagnostic } from '../../src/report/diagnostic.ts';
import { loadRound } from '../../src/rounds/load-round.ts';
import type { AnyRule, HarnessSettings, Profile } from '../../src/rules/rule.ts';
import { MemoryFs, type MemoryNode } from '../../src/tree/memory-fs.ts';
import { SubmissionIndex } from '../../src/tree/submission-index.ts';
import { discoverUnits } from '../../src/tree/units.ts';

export type Tree = Readonly<Record<string, MemoryNode>>;

export interface RuleTestCase {
  readonly name: string;
  readonly tree: Tree;
  readonly round: string;
  /** Defaults to `recommended`. */
  readonly profile?: Profile;
  /** Run budgeted checks in full, as `--exhaustive` does. */
  readonly exhaustive?: boolean;
  /** A harness configuration, with the tree also written to disk at `submissionRoot` (the harness reads files there). */
  readonly harness?: HarnessSettings;
}

export interface ExpectedFinding {
  readonly messageId: string;
  readonly file?: string;
  readonly line?: number;
  readonly unit?: string;
  readonly severity?: Diagnostic['severity'];
  /** A substring the formatted message must contain. */
  readonly message?: string;
}

export interface InvalidRuleTestCase extends RuleTestCase {
  readonly errors: readonly ExpectedFinding[];
}

/** Runs one rule alone on an in-memory tree and returns its findings. */
export async function runRule(rule: AnyRule, testCase: RuleTestCase): Promise<Diagnostic[]> {
  const round = loadRound(testCase.round);
  const profile = testCase.profile ?? 'recommended';
  const fs = new MemoryFs(testCase.tree);
  const index = new SubmissionIndex(await fs.walk());
  // A rule that is off in this round or profile finds nothing: valid cases can show that it stays silent there.
  const active = selectRules([rule], { profile, round: round.id, harness: testCase.harness !== undefined });
  return runRules({ units: discoverUnits(index, round), index, loader: new FileLoader(fs, index), round, profile, exhaustive: testCase.exhaustive ?? false, ...(testCase.harness !== undefined && { harness: testCase.harness }), rules: active });
}

/**
 * The RuleTester: valid cases must give no finding, invalid cases exactly the listed ones (in diagnostic order).
 * It also holds the rule to its contract: at least one case of each kind, and every message exercised.
 */
export function testRule(rule: AnyRule, cases: { valid: readonly RuleTestCase[]; invalid: readonly InvalidRuleTestCase[] }): void {
  describe(rule.id, () => {
    it('has valid and invalid cases, and the invalid cases use every message', () => {
      expect(cases.valid.length, 'valid cases').toBeGreaterThan(0);
      expect(cases.invalid.length, 'invalid cases').toBeGreaterThan(0);
      const used = new Set(cases.invalid.flatMap((testCase) => testCase.errors.map((error) => error.messageId)));
      expect([...used].sort()).toEqual(Object.keys(rule.meta.messages).sort());
    });

    describe('valid', () => {
      for (const testCase of cases.valid) {
        it(testCase.name, async () => {
          const findings = await runRule(rule, testCase);
          expect(findings.map((finding) => `${finding.file}: ${finding.message}`)).toEqual([]);
        });
      }
    });

    describe('invalid', () => {
      for (const testCase of cases.invalid) {
        it(testCase.name, async () => {
          const findings = await runRule(rule, testCase);
          expect(findings.length, findings.map((finding) => `${finding.ruleId} ${finding.file}: ${finding.message}`).join('\n')).toBe(testCase.errors.length);
          testCase.errors.forEach((expected, position) => {
            const actual = findings[position] as Diagnostic;
            expect(actual.ruleId).toBe(rule.id);
            expect(actual.messageId).toBe(expected.messageId);
            expect(actual.message).not.toMatch(/\{\{\s*\w+\s*\}\}/);
            if (expected.file !== undefined) expect(actual.file).toBe(expected.file);
            if (expected.line !== undefined) expect(actual.line).toBe(expected.line);
            if (expected.unit !== undefined) expect(actual.unit.path).toBe(expected.unit);
            if (expected.severity !== undefined) expect(actual.severity).toBe(expected.severity);
            if (expected.message !== undefined) expect(actual.message).toContain(expected.message);
          });
        });
      }
    });
  });
}
