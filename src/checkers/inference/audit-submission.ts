import { applyWaivers, type WaiverSettings } from '../../config/waivers.ts';
import { compareDiagnostics, type Diagnostic, type Severity } from '../../report/diagnostic.ts';
import { loadRound } from '../../rounds/load-round.ts';
import { registry } from '../../rules/registry.ts';
import type { AnyRule, HarnessSettings, Profile } from '../../rules/rule.ts';
import type { SubmissionFs } from '../../tree/submission-fs.ts';
import { SubmissionIndex } from '../../tree/submission-index.ts';
import { nearestFile } from '../../tree/nearest-file.ts';
import { discoverUnits, keepSubmitters, type UnitTree } from '../../tree/units.ts';
import { TOOL_NAME, TOOL_VERSION } from '../../version.ts';
import { FileLoader } from '../file-loader.ts';
import { runRules } from '../run-rules.ts';
import { selectRules, type SelectionOptions, type SeveritySetting } from '../rule-selection.ts';
import { rulesNotRun } from '../rules-not-run.ts';
import { inShard, type Shard, type ShardRecord } from '../shard.ts';
import { decideVerdicts, type Rejection, type ResultFacts, type ResultVerdict } from '../verdicts.ts';
import { detectRound } from './detect-round.ts';
import { collectResultFacts } from './result-facts.ts';
import type { Load } from './result-metric.ts';

export interface AuditOptions {
  readonly fs: SubmissionFs;
  /** The round to audit against; detected from the logs when absent. */
  readonly round?: string;
  readonly profile: Profile;
  readonly submitter?: string;
  readonly severities?: Readonly<Record<string, SeveritySetting>>;
  /** Run the checks whose cost grows with a run's length in full, beyond their budgets. */
  readonly exhaustive?: boolean;
  /** Reference models and data sets for the harness rules, with the submission's folder on disk. */
  readonly harness?: HarnessSettings;
  /** The rules to run; the full registry by default. */
  readonly rules?: readonly AnyRule[];
  /** Waivers of the configuration file: the findings they cover are marked suppressed and reject nothing. */
  readonly waivers?: WaiverSettings;
  /** Audit only the submitters of this shard; root and division rules still check the whole tree, in every shard. */
  readonly shard?: Shard;
  /** Hears how the walk and the audit advance, for a progress display. */
  readonly onProgress?: (progress: AuditProgress) => void;
}

/** Paths listed so far while the tree is walked, then results audited out of the total. */
export type AuditProgress = { readonly phase: 'indexing'; readonly entries: number } | { readonly phase: 'auditing'; readonly results: number; readonly total: number };

export interface ActiveRuleSummary {
  readonly id: string;
  readonly description: string;
  readonly severity: Severity;
}

export interface AuditResult {
  readonly tool: { readonly name: string; readonly version: string };
  readonly root: string;
  readonly round: { readonly id: string; readonly detected: boolean; readonly evidence?: string };
  readonly profile: Profile;
  readonly officialChecker: 'monolith' | 'modular';
  readonly diagnostics: readonly Diagnostic[];
  readonly results: readonly ResultVerdict[];
  readonly rejections: readonly Rejection[];
  readonly rules: readonly ActiveRuleSummary[];
  readonly stats: { readonly entries: number; readonly durationMs: number };
  /** Set when only one shard of the submitters was audited (`check --shard`); `merge` combines the shards. */
  readonly shard?: ShardRecord;
}

/** The audit could not start: nothing to audit or no round to audit it against (exit code 2). */
export class AuditSetupError extends Error {
  override readonly name = 'AuditSetupError';
}

/** Audits an MLPerf Inference submission tree: one walk, every applicable rule, each result's verdict. */
export async function auditSubmission(options: AuditOptions): Promise<AuditResult> {
  const started = performance.now();
  const { onProgress, shard } = options;
  const index = new SubmissionIndex(await options.fs.walk(onProgress && ((entries) => onProgress({ phase: 'indexing', entries }))));
  const detected = options.round === undefined ? await detectRound(options.fs, index) : undefined;
  const roundId = options.round ?? detected?.id;
  if (roundId === undefined) {
    throw new AuditSetupError('cannot tell which round this submission is for (no LoadGen performance log with a known seed or version); pass --round');
  }
  const round = loadRound(roundId);
  const units = discoverUnits(index, round, options.submitter === undefined ? {} : { submitter: options.submitter });
  const audited = shard === undefined ? units : keepSubmitters(units, (submitter) => inShard(submitter, shard));
  const loader = new FileLoader(options.fs, index);
  const allRules = options.rules ?? registry;
  const selection: SelectionOptions = { profile: options.profile, round: round.id, checker: round.officialChecker.kind, harness: options.harness !== undefined, ...(options.severities && { severities: options.severities }) };
  const active = selectRules(allRules, selection);

  const facts = new Map<string, ResultFacts>();
  const total = audited.ofKind('scenario').length;
  onProgress?.({ phase: 'auditing', results: 0, total });
  const load: Load = (path, parser) => loader.load(path, parser);
  const found = await runRules({
    units,
    index,
    loader,
    round,
    profile: options.profile,
    exhaustive: options.exhaustive ?? false,
    ...(options.harness !== undefined && { harness: options.harness }),
    rules: active,
    submitters: audited.ofKind('submitter'),
    afterScenario: async (unit) => {
      facts.set(unit.path, await collectResultFacts(load, index, round, unit, options.profile));
      onProgress?.({ phase: 'auditing', results: facts.size, total });
    },
  });
  // Said for the whole tree (not the shard), so that every shard says the same and merge keeps one.
  const notRun = rulesNotRun(allRules, active, selection, units);
  const anchored = [...notRun, ...found].sort(compareDiagnostics).map((diagnostic) => withAnchor(diagnostic, index));
  // After every rule and before the verdicts, so that a waived finding rejects nothing.
  const diagnostics = options.waivers === undefined ? anchored : applyWaivers(anchored, options.waivers, skippedSubmitters(options.submitter === undefined ? units : discoverUnits(index, round), audited));
  const verdicts = decideVerdicts(round.officialChecker.kind, audited, diagnostics, new Map(allRules.map((rule) => [rule.id, rule])), facts);

  return {
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    root: options.fs.displayRoot,
    round: { id: round.id, detected: detected !== undefined, ...(detected && { evidence: detected.evidence }) },
    profile: options.profile,
    officialChecker: round.officialChecker.kind,
    diagnostics,
    results: verdicts.results,
    rejections: verdicts.rejections,
    rules: active.map(({ rule, severity }) => ({ id: rule.id, description: rule.meta.description, severity })),
    stats: { entries: index.size, durationMs: Math.round(performance.now() - started) },
    ...(shard !== undefined && { shard: { ...shard, submitters: audited.ofKind('submitter').map((submitter) => submitter.path) } }),
  };
}

/** The submitters of the tree that `--submitter` or a shard left out of the audit. */
function skippedSubmitters(whole: UnitTree, audited: UnitTree): ReadonlySet<string> {
  const auditedPaths = new Set(audited.ofKind('submitter').map((submitter) => submitter.path));
  return new Set(whole.ofKind('submitter').map((submitter) => submitter.path).filter((path) => !auditedPaths.has(path)));
}

/** A finding about a folder, a missing path or a link, with the nearest regular file to show it at (Diagnostic.anchor). */
function withAnchor(diagnostic: Diagnostic, index: SubmissionIndex): Diagnostic {
  const anchor = nearestFile(index, diagnostic.file);
  return anchor === undefined || anchor === diagnostic.file ? diagnostic : { ...diagnostic, anchor };
}
