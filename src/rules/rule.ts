import type { Parser, ParseResult } from '../parsers/parse-result.ts';
import type { Severity } from '../report/diagnostic.ts';
import type { Division, RoundData } from '../rounds/types.ts';
import type { SubmissionIndex } from '../tree/submission-index.ts';
import type { UnitKind, UnitOfKind, UnitTree } from '../tree/units.ts';
import type { HarnessConfig } from '../harness/harness-config.ts';

/** What harness rules need: the configuration, and where the audited tree is on disk (the harness reads it there). */
export interface HarnessSettings {
  readonly config: HarnessConfig;
  readonly submissionRoot: string;
}

/**
 * The level an error rejects at. `measurements` rejects the result, and the monolith (up to v5.1) also records the
 * result's measurements folder as having no results (a second `NoResults` line). `benchmark-record`: the monolith
 * records the benchmark as having no results after it has judged its results, which keep their own verdicts.
 */
export type Rejects = UnitKind | 'measurements' | 'benchmark-record' | 'none';

export interface OfficialSeverities {
  readonly monolith: Severity;
  readonly modular: Severity;
}

export type RuleCategory = 'struct' | 'sys' | 'meas' | 'perf' | 'acc' | 'comp' | 'pwr' | 'div' | 'sum' | 'harness';
export const RULE_CATEGORIES: readonly RuleCategory[] = ['struct', 'sys', 'meas', 'perf', 'acc', 'comp', 'pwr', 'div', 'sum', 'harness'];

/** `official` reproduces the official checker's verdicts; `recommended` (the default) adds what it misses. */
export type Profile = 'official' | 'recommended';
export const PROFILES: readonly Profile[] = ['recommended', 'official'];

/** Inclusive range of round ids; an absent end is open. */
export interface RoundRange {
  readonly since?: string;
  readonly until?: string;
}

export interface RuleMeta<MessageId extends string, Scope extends UnitKind> {
  readonly description: string;
  readonly category: RuleCategory;
  /** The units the rule visits. */
  readonly scope: Scope;
  /** Default severity of its findings. */
  readonly severity: Severity;
  readonly divisions: readonly Division[];
  readonly rounds: RoundRange;
  /** The rule text (document and section) this rule enforces. */
  readonly ruleText: string;
  readonly messages: Readonly<Record<MessageId, string>>;
  /**
   * Messages whose findings keep this severity whatever the rule's (its default or the user's setting): typically
   * an `info` saying the check could not reach a conclusion on this unit (e.g. "the log is truncated").
   */
  readonly messageSeverities?: Readonly<Partial<Record<MessageId, Severity>>>;
  /**
   * What an error-level finding rejects, at the level where the official checker rejects: the unit itself
   * or one of its ancestors (a broken symlink rejects the whole submitter). `none`: findings never reject.
   * When the monolith (up to v5.1) and the modular checker (v6.0+) reject at different levels, give both.
   */
  readonly rejects: Rejects | { readonly monolith: Rejects; readonly modular: Rejects };
  /**
   * How the rule takes part in the `official` profile: `false` when no official checker has the check,
   * otherwise the rounds (and severity) in which the official checker of that round applies it. The severity may
   * differ between the monolith (up to v5.1) and the modular checker (v6.0+): one logs what the other rejects.
   */
  readonly official: false | { readonly rounds?: RoundRange; readonly severity?: Severity | OfficialSeverities };
  /**
   * Where the check sits in the monolith's sequence for one result; by default its category's stage (meas, perf,
   * pwr, acc, comp). The monolith counts a required scenario as present once its measurement and performance
   * stages passed, before accuracy and compliance are judged.
   */
  readonly stage?: CheckStage;
  /**
   * Runs only when the audit is given a harness configuration (`check --harness`), because it needs evidence the
   * submission tree does not hold: `evidence` says which, in the configuration's terms. Without one, the audit says
   * the rule did not run and why, rather than passing silently.
   */
  readonly needsHarness?: { readonly evidence: string };
}

export type CheckStage = 'measurements' | 'performance' | 'accuracy' | 'compliance';

const STAGE_OF_CATEGORY: Partial<Record<RuleCategory, CheckStage>> = {
  meas: 'measurements',
  perf: 'performance',
  pwr: 'performance',
  acc: 'accuracy',
  comp: 'compliance',
};

export function stageOf(rule: AnyRule): CheckStage | undefined {
  return rule.meta.stage ?? STAGE_OF_CATEGORY[rule.meta.category];
}

export interface ReportDescriptor<MessageId extends string> {
  readonly messageId: MessageId;
  readonly data?: Readonly<Record<string, string | number>>;
  /** Defaults to the unit's directory. */
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}

export interface RuleContext<MessageId extends string, Scope extends UnitKind> {
  readonly unit: UnitOfKind<Scope>;
  readonly units: UnitTree;
  readonly index: SubmissionIndex;
  readonly round: RoundData;
  readonly profile: Profile;
  /**
   * Whether checks whose cost grows with a run's length run in full however long the run was (`--exhaustive`);
   * otherwise each stays within a budget and says so where it cannot.
   */
  readonly exhaustive: boolean;
  /** The reference models and data sets of `check --harness`, with the submission's folder on disk. */
  readonly harness?: HarnessSettings;
  /** Parses a file once per audit, however many rules ask; missing and unreadable files come back as problems. */
  load<T>(path: string, parser: Parser<T>): Promise<ParseResult<T>>;
  report(descriptor: ReportDescriptor<MessageId>): void;
}

export interface Rule<MessageId extends string = string, Scope extends UnitKind = UnitKind> {
  /** `<category>/<file name>`, e.g. `struct/root-extra-files`. */
  readonly id: string;
  readonly meta: RuleMeta<MessageId, Scope>;
  check(context: RuleContext<MessageId, Scope>): void | Promise<void>;
}

/** Declares a rule; the type parameters make `report({ messageId })` and `context.unit` checked. */
export function defineRule<MessageId extends string, Scope extends UnitKind>(rule: Rule<MessageId, Scope>): Rule<MessageId, Scope> {
  return rule;
}

// A registry holds rules of every scope and message set; this is the one place their types are widened.
export type AnyRule = Rule<string, UnitKind>;
