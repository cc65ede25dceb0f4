import { mllogParser, type MllogLog } from '../../parsers/mllog.ts';
import type { SystemDescription } from '../../parsers/system-description.ts';
import type { ModelData, RoundData, Scenario } from '../../rounds/types.ts';
import { defineRule, type Profile, type Rule, type RuleMeta } from '../../rules/rule.ts';
import type { ScenarioUnit } from '../../tree/units.ts';
import { modelOfUnit } from './model-name.ts';
import type { Load } from './result-metric.ts';
import { roundModel } from './scenario-table.ts';
import { canonicalScenario, performanceLogPath } from './scenarios.ts';
import { loadSystemDescription } from './system-json.ts';

/** What a check of one LoadGen performance log works from. */
export interface PerformanceLogInput {
  readonly log: MllogLog;
  /** The log's path, relative to the submission root. */
  readonly logPath: string;
  readonly unit: ScenarioUnit;
  readonly round: RoundData;
  readonly profile: Profile;
  /** The official model of the benchmark folder, and the round's data for it (undefined for an unknown model). */
  readonly model: string;
  readonly modelData: ModelData | undefined;
  /** The scenario the folder is named after, and the one LoadGen ran (Interactive runs report Server). */
  readonly directoryScenario: Scenario | undefined;
  readonly effectiveScenario: Scenario | undefined;
  /** The system description, when it parses. */
  readonly system: SystemDescription | undefined;
  /** Set when the log is a compliance test's performance run (TEST01, TEST04) rather than the result's own. */
  readonly complianceTest?: string;
}

/** A problem one check found in a log; the rule turns it into a diagnostic at the log. */
export interface LogFinding<MessageId extends string> {
  readonly messageId: MessageId;
  readonly data?: Readonly<Record<string, string | number>>;
  readonly line?: number;
}

/**
 * A rule about the LoadGen performance log of a result. Its log check is exposed too, because the official checkers
 * apply the same checks to the performance runs of the compliance tests (comp/perf-log).
 */
export interface PerformanceRule<MessageId extends string = string> extends Rule<MessageId, 'scenario'> {
  checkLog(input: PerformanceLogInput): readonly LogFinding<MessageId>[];
}

export function definePerformanceRule<MessageId extends string>(definition: {
  id: string;
  meta: RuleMeta<MessageId, 'scenario'>;
  checkLog: (input: PerformanceLogInput) => readonly LogFinding<MessageId>[];
}): PerformanceRule<MessageId> {
  const rule = defineRule({
    id: definition.id,
    meta: definition.meta,
    async check(context) {
      const input = await loadPerformanceInput(context.load, context.round, context.profile, context.unit, performanceLogPath(context.unit.path));
      if (input === undefined) return;
      for (const finding of definition.checkLog(input)) {
        context.report({ messageId: finding.messageId, file: input.logPath, ...(finding.data && { data: finding.data }), ...(finding.line !== undefined && { line: finding.line }) });
      }
    },
  });
  return { ...rule, checkLog: definition.checkLog };
}

/**
 * Everything a performance check needs, or undefined when the log is missing or not a LoadGen log at all (other rules
 * report that: struct/perf-run1, perf/log-parse).
 */
export async function loadPerformanceInput(
  load: Load,
  round: RoundData,
  profile: Profile,
  unit: ScenarioUnit,
  logPath: string,
  complianceTest?: string,
): Promise<PerformanceLogInput | undefined> {
  const parsed = await load(logPath, mllogParser);
  if (!parsed.ok || parsed.value.lineCount === 0) return undefined;
  const model = await modelOfUnit(load, round, unit);
  const system = await loadSystemDescription(load, round, unit.parent.parent.systemJsonPath);
  return {
    log: parsed.value,
    logPath,
    unit,
    round,
    profile,
    model,
    modelData: roundModel(round, model),
    directoryScenario: canonicalScenario(unit.scenario),
    effectiveScenario: canonicalScenario(String(parsed.value.get('effective_scenario')?.value ?? '')),
    system: system.ok ? system.value : undefined,
    ...(complianceTest !== undefined && { complianceTest }),
  };
}
