import { mllogParser, type MllogEvent, type MllogLog } from '../../parsers/mllog.ts';
import type { ParseProblem } from '../../parsers/parse-result.ts';
import type { SystemDescription } from '../../parsers/system-description.ts';
import type { ModelData, RoundData, Scenario } from '../../rounds/types.ts';
import { defineRule, type Profile, type Rule, type RuleMeta } from '../../rules/rule.ts';
import type { ScenarioUnit } from '../../tree/units.ts';
import { endpointsEffectiveScenario, endpointsFolderScenario, endpointsSummaryPath, isEndpointsRun, loadEndpointsLog } from './endpoints.ts';
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
  /** The folder whose `performance/run_1` holds the log: the result folder, or a compliance test's folder. */
  readonly runFolder: string;
  readonly unit: ScenarioUnit;
  readonly round: RoundData;
  readonly profile: Profile;
  /** For checks that read other files of the result (memoized like every load). */
  readonly load: Load;
  /** The official model of the benchmark folder, and the round's data for it (undefined for an unknown model). */
  readonly model: string;
  readonly modelData: ModelData | undefined;
  /** The scenario the folder is named after, and the one LoadGen ran (Interactive runs report Server). */
  readonly directoryScenario: Scenario | undefined;
  readonly effectiveScenario: Scenario | undefined;
  /** The system description, when it parses. */
  readonly system: SystemDescription | undefined;
  /** Set when the log is a compliance test's performance run (TEST01, TEST04, TEST05) rather than the result's own. */
  readonly complianceTest?: string;
  /**
   * The result is an endpoints ("LoadGen++") result: `log` holds the keys the official checker synthesizes from its
   * config.yaml and performance/result_summary.json, and `effectiveScenario` is the scenario it derives from them.
   */
  readonly endpoints: boolean;
}

/** A problem one check found in a log; the rule turns it into a diagnostic at the log. */
export interface LogFinding<MessageId extends string> {
  readonly messageId: MessageId;
  readonly data?: Readonly<Record<string, string | number>>;
  readonly line?: number;
}

type Findings<MessageId extends string> = readonly LogFinding<MessageId>[];

/**
 * A rule about the LoadGen performance log of a result. Its log check is exposed too, because the official checkers
 * apply the same checks to the performance runs of the compliance tests (comp/perf-log).
 */
export interface PerformanceRule<MessageId extends string = string> extends Rule<MessageId, 'scenario'> {
  checkLog(input: PerformanceLogInput): Promise<Findings<MessageId>>;
  /** Findings about a log that is not an MLLOG file at all (binary or empty); only perf/log-parse has some. */
  checkUnreadable(problems: readonly ParseProblem[]): Findings<MessageId>;
}

export function definePerformanceRule<MessageId extends string>(definition: {
  id: string;
  meta: RuleMeta<MessageId, 'scenario'>;
  checkLog: (input: PerformanceLogInput) => Findings<MessageId> | Promise<Findings<MessageId>>;
  checkUnreadable?: (problems: readonly ParseProblem[]) => Findings<MessageId>;
}): PerformanceRule<MessageId> {
  const checkLog = async (input: PerformanceLogInput): Promise<Findings<MessageId>> => definition.checkLog(input);
  const checkUnreadable = definition.checkUnreadable ?? (() => []);
  const rule = defineRule({
    id: definition.id,
    meta: definition.meta,
    async check(context) {
      const loaded = await loadPerformanceLog(context.load, context.round, context.profile, context.unit, context.unit.path);
      // An endpoints log's keys come from several files and have no line.
      const lines = loaded.kind !== 'parsed' || !loaded.input.endpoints;
      for (const finding of await performanceLogFindings({ checkLog, checkUnreadable }, loaded)) {
        context.report({ messageId: finding.messageId, file: loaded.logPath, ...(finding.data && { data: finding.data }), ...(lines && finding.line !== undefined && { line: finding.line }) });
      }
    },
  });
  return { ...rule, checkLog, checkUnreadable };
}

/**
 * A performance log as the checks see it: absent (another rule reports a missing or unreadable file), not an MLLOG
 * file at all, or parsed.
 */
export type LoadedPerformanceLog =
  | { readonly kind: 'absent'; readonly logPath: string }
  | { readonly kind: 'unreadable'; readonly logPath: string; readonly problems: readonly ParseProblem[] }
  | { readonly kind: 'parsed'; readonly logPath: string; readonly input: PerformanceLogInput };

/** The findings of one performance rule on a loaded log. */
export async function performanceLogFindings<MessageId extends string>(
  rule: Pick<PerformanceRule<MessageId>, 'checkLog' | 'checkUnreadable'>,
  loaded: LoadedPerformanceLog,
): Promise<Findings<MessageId>> {
  if (loaded.kind === 'absent') return [];
  if (loaded.kind === 'unreadable') return rule.checkUnreadable(loaded.problems);
  return rule.checkLog(loaded.input);
}

/**
 * Loads the performance log under `runFolder` (`<runFolder>/performance/run_1/mlperf_log_detail.txt`) with everything
 * a check needs: the result's own run, or with `complianceTest` the run of a compliance test. For an endpoints result,
 * the keys its config.yaml and performance/result_summary.json give, as the official checker reads them.
 */
export async function loadPerformanceLog(
  load: Load,
  round: RoundData,
  profile: Profile,
  unit: ScenarioUnit,
  runFolder: string,
  complianceTest?: string,
): Promise<LoadedPerformanceLog> {
  if (complianceTest === undefined && (await isEndpointsRun(load, round, runFolder))) {
    const log = await loadEndpointsLog(load, runFolder, 'performance');
    const effective = endpointsEffectiveScenario(log.get('effective_scenario')?.value, unit.scenario);
    const logPath = endpointsSummaryPath(runFolder);
    const scenarios = { directoryScenario: endpointsFolderScenario(round, unit.scenario), effectiveScenario: effective?.scenario };
    return { kind: 'parsed', logPath, input: { ...(await runContext(load, round, unit)), log, logPath, runFolder, unit, round, profile, load, ...scenarios, endpoints: true } };
  }
  const logPath = performanceLogPath(runFolder);
  const parsed = await load(logPath, mllogParser);
  if (!parsed.ok) {
    // Missing files and links that cannot be followed belong to the rules about files (struct/*, comp/*).
    const malformed = parsed.problems.filter((problem) => problem.kind === 'malformed');
    return malformed.length > 0 ? { kind: 'unreadable', logPath, problems: malformed } : { kind: 'absent', logPath };
  }
  if (parsed.value.lineCount === 0) return { kind: 'unreadable', logPath, problems: parsed.value.problems };
  const input: PerformanceLogInput = {
    ...(await runContext(load, round, unit)),
    log: parsed.value,
    logPath,
    runFolder,
    unit,
    round,
    profile,
    load,
    directoryScenario: canonicalScenario(unit.scenario),
    effectiveScenario: canonicalScenario(String(parsed.value.get('effective_scenario')?.value ?? '')),
    ...(complianceTest !== undefined && { complianceTest }),
    endpoints: false,
  };
  return { kind: 'parsed', logPath, input };
}

/** The model and system description of a result, which every check of its runs reads. */
async function runContext(load: Load, round: RoundData, unit: ScenarioUnit): Promise<Pick<PerformanceLogInput, 'model' | 'modelData' | 'system'>> {
  const model = await modelOfUnit(load, round, unit);
  const system = await loadSystemDescription(load, round, unit.parent.parent.systemJsonPath);
  return { model, modelData: roundModel(round, model), system: system.ok ? system.value : undefined };
}

/** Scenarios whose runs LoadGen ends by early stopping; the official checkers check them differently (spec §1.4). */
export function usesEarlyStopping(scenario: Scenario): boolean {
  return scenario === 'SingleStream' || scenario === 'MultiStream' || scenario === 'Server';
}

/**
 * A numeric log value as Python compares it: a JSON number (integers beyond 2^53 rounded, as they only meet limits far
 * below). Anything else, such as a number written as a string, makes the official comparison raise.
 */
export function logNumber(event: MllogEvent | undefined): number | undefined {
  const value = event?.value;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  return undefined;
}

/** The message of a check whose key is absent or not a number; the official checkers fail on it with an exception. */
export const MISSING_KEY_MESSAGE =
  'The performance log has no numeric {{key}} event, so this check cannot pass (the official checkers fail on it). Re-run the performance test with an unmodified LoadGen and submit its complete mlperf_log_detail.txt.';

/**
 * Checks one numeric key: no finding when `fails` is false for its value, `missingKey` when it is absent or not a
 * number, else the finding `onFailure` builds (at the key's line).
 */
export function checkNumber<MessageId extends string>(
  log: MllogLog,
  key: string,
  fails: (value: number) => boolean,
  onFailure: (value: number) => Omit<LogFinding<MessageId>, 'line'>,
): LogFinding<MessageId | 'missingKey'>[] {
  const event = log.get(key);
  const value = logNumber(event);
  if (event === undefined || value === undefined) return [{ messageId: 'missingKey', ...(event && { line: event.line }), data: { key } }];
  return fails(value) ? [{ ...onFailure(value), line: event.line }] : [];
}

/** A log value for a message: strings quoted, absent values named. */
export function shownValue(event: MllogEvent | undefined): string {
  if (event === undefined) return 'absent';
  const value = event.value;
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return value.toString();
  return JSON.stringify(value) ?? String(value);
}
