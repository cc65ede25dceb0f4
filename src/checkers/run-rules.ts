import { compareDiagnostics, formatMessage, type Diagnostic } from '../report/diagnostic.ts';
import type { RoundData } from '../rounds/types.ts';
import type { AnyRule, HarnessSettings, Profile, ReportDescriptor, RuleContext } from '../rules/rule.ts';
import type { SubmissionIndex } from '../tree/submission-index.ts';
import type { ScenarioUnit, SubmitterUnit, Unit, UnitTree } from '../tree/units.ts';
import { mapLimit } from '../util/concurrency.ts';
import type { FileLoader } from './file-loader.ts';
import { RULE_CRASHED } from './internal-rules.ts';
import { appliesToDivision, type ActiveRule } from './rule-selection.ts';

export interface RunRulesOptions {
  readonly units: UnitTree;
  readonly index: SubmissionIndex;
  readonly loader: FileLoader;
  readonly round: RoundData;
  readonly profile: Profile;
  /** See {@link RuleContext.exhaustive}; false by default. */
  readonly exhaustive?: boolean;
  readonly harness?: HarnessSettings;
  readonly rules: readonly ActiveRule[];
  /** The submitters whose units are checked (one shard of the tree); all of them by default. Root and division rules always check the whole tree. */
  readonly submitters?: readonly SubmitterUnit[];
  /** Submitters audited at the same time; their files are independent. */
  readonly concurrency?: number;
  /** Called once per result after its rules, while its parsed files are still cached. */
  readonly afterScenario?: (unit: ScenarioUnit) => Promise<void>;
}

/**
 * Runs every active rule on every unit of its scope, parents before children. A rule that throws becomes an
 * `internal/rule-crashed` diagnostic on that unit; the audit goes on.
 */
export async function runRules(options: RunRulesOptions): Promise<Diagnostic[]> {
  const { units, loader } = options;
  const diagnostics: Diagnostic[] = [];
  const checkUnit = async (unit: Unit): Promise<void> => {
    for (const active of options.rules) {
      if (active.rule.meta.scope !== unit.kind) continue;
      if (!appliesToDivision(active.rule, 'division' in unit ? unit.division : undefined)) continue;
      await runOne(active, unit, options, diagnostics);
    }
  };
  const checkSubtree = async (unit: Unit): Promise<void> => {
    await checkUnit(unit);
    if (unit.kind === 'scenario') await options.afterScenario?.(unit);
    for (const child of units.children(unit)) await checkSubtree(child);
  };

  await checkUnit(units.root);
  for (const division of units.ofKind('division')) await checkUnit(division);
  await mapLimit(options.submitters ?? units.ofKind('submitter'), options.concurrency ?? 4, async (submitter) => {
    await checkSubtree(submitter);
    loader.forget(submitter.path);
  });
  return diagnostics.sort(compareDiagnostics);
}

async function runOne(active: ActiveRule, unit: Unit, options: RunRulesOptions, sink: Diagnostic[]): Promise<void> {
  const { rule, severity } = active;
  const context: RuleContext<string, Unit['kind']> = {
    unit,
    units: options.units,
    index: options.index,
    round: options.round,
    profile: options.profile,
    exhaustive: options.exhaustive ?? false,
    ...(options.harness !== undefined && { harness: options.harness }),
    load: (path, parser) => options.loader.load(path, parser),
    report: (descriptor) => sink.push(toDiagnostic(rule, severity, unit, descriptor)),
  };
  try {
    await rule.check(context);
  } catch (cause) {
    sink.push({
      ruleId: RULE_CRASHED.id,
      messageId: 'crashed',
      severity: RULE_CRASHED.severity,
      message: `Rule ${rule.id} failed on this ${unit.kind} with an unexpected error (${describeError(cause)}); its checks did not run here, the rest of the audit did. This is a defect of mlperf-audit: please report it with this message.`,
      file: unit.path,
      unit: { kind: unit.kind, path: unit.path },
      data: { rule: rule.id },
    });
  }
}

function toDiagnostic(rule: AnyRule, severity: Diagnostic['severity'], unit: Unit, descriptor: ReportDescriptor<string>): Diagnostic {
  const template = rule.meta.messages[descriptor.messageId];
  if (template === undefined) throw new Error(`rule ${rule.id} reported an unknown messageId "${descriptor.messageId}"`);
  return {
    ruleId: rule.id,
    messageId: descriptor.messageId,
    severity: rule.meta.messageSeverities?.[descriptor.messageId] ?? severity,
    message: formatMessage(template, descriptor.data),
    file: descriptor.file ?? unit.path,
    ...(descriptor.line !== undefined && { line: descriptor.line }),
    ...(descriptor.column !== undefined && { column: descriptor.column }),
    unit: { kind: unit.kind, path: unit.path },
    ...(descriptor.data !== undefined && { data: descriptor.data }),
  };
}

function describeError(cause: unknown): string {
  return cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
}
