import type { Diagnostic, Severity } from '../../report/diagnostic.ts';
import { loadRound } from '../../rounds/load-round.ts';
import { registry } from '../../rules/registry.ts';
import type { AnyRule, HarnessSettings, Profile } from '../../rules/rule.ts';
import type { SubmissionFs } from '../../tree/submission-fs.ts';
import { SubmissionIndex } from '../../tree/submission-index.ts';
import { discoverUnits } from '../../tree/units.ts';
import { TOOL_NAME, TOOL_VERSION } from '../../version.ts';
import { FileLoader } from '../file-loader.ts';
import { runRules } from '../run-rules.ts';
import { selectRules, type SeveritySetting } from '../rule-selection.ts';
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
}

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
}

/** The audit could not start: nothing to audit or no round to audit it against (exit code 2). */
export class AuditSetupError extends Error {
  override readonly name = 'AuditSetupError';
}

/** Audits an MLPerf Inference submission tree: one walk, every applicable rule, each result's verdict. */
export async function auditSubmission(options: AuditOptions): Promise<AuditResult> {
  const started = performance.now();
  const index = new SubmissionIndex(await options.fs.walk());
  const detected = options.round === undefined ? await detectRound(options.fs, index) : undefined;
  const roundId = options.round ?? detected?.id;
  if (roundId === undefined) {
    throw new AuditSetupError('cannot tell which round this submission is for (no LoadGen performance log with a known seed or version); pass --round');
  }
  const round = loadRound(roundId);
  const units = discoverUnits(index, round, options.submitter === undefined ? {} : { submitter: options.submitter });
  const loader = new FileLoader(options.fs, index);
  const allRules = options.rules ?? registry;
  const active = selectRules(allRules, { profile: options.profile, round: round.id, checker: round.officialChecker.kind, harness: options.harness !== undefined, ...(options.severities && { severities: options.severities }) });

  const facts = new Map<string, ResultFacts>();
  const load: Load = (path, parser) => loader.load(path, parser);
  const diagnostics = await runRules({
    units,
    index,
    loader,
    round,
    profile: options.profile,
    exhaustive: options.exhaustive ?? false,
    ...(options.harness !== undefined && { harness: options.harness }),
    rules: active,
    afterScenario: async (unit) => {
      facts.set(unit.path, await collectResultFacts(load, index, round, unit, options.profile));
    },
  });
  const verdicts = decideVerdicts(round.officialChecker.kind, units, diagnostics, new Map(allRules.map((rule) => [rule.id, rule])), facts);

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
  };
}
