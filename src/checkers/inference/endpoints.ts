import { endpointsConfigParser, endpointsJsonParser, synthesizeEndpointsKeys, type EndpointsDocument, type EndpointsLogKind } from '../../parsers/endpoints.ts';
import type { MllogEvent, MllogLog, MllogValue } from '../../parsers/mllog.ts';
import type { Parser, ParseResult } from '../../parsers/parse-result.ts';
import type { EndpointsPolicy, ModelData, RoundData, Scenario } from '../../rounds/types.ts';
import type { Profile } from '../../rules/rule.ts';
import type { SubmissionIndex } from '../../tree/submission-index.ts';
import type { ScenarioUnit } from '../../tree/units.ts';
import { isEndpointsResult } from './measurements.ts';
import { modelOfUnit } from './model-name.ts';
import type { Load } from './result-metric.ts';
import { roundModel } from './scenario-table.ts';
import { accuracyLogPath, canonicalScenario, performanceLogPath } from './scenarios.ts';

/** The settings of an endpoints run, in the scenario folder; the checker takes the first that loads. */
export const ENDPOINTS_CONFIG_FILES = ['config.yaml', 'config.yml'] as const;

export function endpointsSummaryPath(scenarioPath: string): string {
  return `${scenarioPath}/performance/result_summary.json`;
}

export function endpointsAccuracyResultsPath(scenarioPath: string): string {
  return `${scenarioPath}/accuracy/accuracy_results.json`;
}

export function endpointsAuditPath(scenarioPath: string, auditName: string): string {
  return `${scenarioPath}/audit/audit_${auditName}.json`;
}

/** Tells whether a file exists without reading it: missing files come back from the loader as problems. */
const presenceParser: Parser<true> = { id: 'presence', parse: async () => ({ ok: true, value: true }) };

async function isPresent(load: Load, path: string): Promise<boolean> {
  const result = await load(path, presenceParser);
  return result.ok || result.problems.some((problem) => problem.kind !== 'missing');
}

/** isEndpointsResult for code that reads files but has no index: the same test, through the loader. */
export async function isEndpointsRun(load: Load, round: RoundData, scenarioPath: string): Promise<boolean> {
  if (round.endpoints === undefined) return false;
  const [performanceLog, accuracyLog] = await Promise.all([isPresent(load, performanceLogPath(scenarioPath)), isPresent(load, accuracyLogPath(scenarioPath))]);
  return !performanceLog && !accuracyLog;
}

/** The scenario an endpoints result's folder stands for: its own name in any case, or an alias such as `Online`. */
export function endpointsFolderScenario(round: RoundData, folder: string): Scenario | undefined {
  return canonicalScenario(folder) ?? round.endpoints?.folderScenarios[folder.toLowerCase()];
}

/** The scenario of a result folder, as the official checker reads it (an endpoints result may be in `Online`). */
export function resultScenario(round: RoundData, index: SubmissionIndex, unit: ScenarioUnit): Scenario | undefined {
  return isEndpointsResult(round, index, unit) ? endpointsFolderScenario(round, unit.scenario) : canonicalScenario(unit.scenario);
}

/**
 * The scenario an endpoints run ran, as the modular checker's `map_endpoints_scenario` makes it of the synthesized
 * `effective_scenario` (config.yaml's `type`): a SingleStream folder is SingleStream whatever the config says, `online`
 * is Server, any other value is kept as written. `text` is that value (the checker's lookups are case-sensitive);
 * undefined when the config gives none, on which the checker stops.
 */
export function endpointsEffectiveScenario(effective: unknown, folder: string): { readonly text: string; readonly scenario: Scenario | undefined } | undefined {
  if (folder.toLowerCase() === 'singlestream') return { text: 'SingleStream', scenario: 'SingleStream' };
  if (typeof effective !== 'string') return undefined;
  if (effective.toLowerCase() === 'online') return { text: 'Server', scenario: 'Server' };
  return { text: effective, scenario: canonicalScenario(effective) };
}

/** The keys of an endpoints run as a LoadGen log, plus the files it could not read (which count as empty). */
export interface EndpointsLog extends MllogLog {
  readonly unreadable: readonly string[];
}

/**
 * The performance or accuracy run of an endpoints result, with the LoadGen-style keys the official parser synthesizes
 * (no line numbers: the values come from several files). It never fails: like the official parser, a missing or
 * malformed file contributes nothing, and the checks that need its keys report them missing.
 */
export async function loadEndpointsLog(load: Load, scenarioPath: string, kind: EndpointsLogKind): Promise<EndpointsLog> {
  const unreadable: string[] = [];
  const data = (path: string, result: ParseResult<EndpointsDocument>): unknown => {
    if (result.ok) return result.value.data;
    unreadable.push(`${path} ${result.problems[0]?.message ?? 'cannot be read'}`);
    return {};
  };
  const dataPath = kind === 'performance' ? endpointsSummaryPath(scenarioPath) : endpointsAccuracyResultsPath(scenarioPath);
  const run = data(dataPath, await load(dataPath, endpointsJsonParser));
  const config = await loadConfig(load, scenarioPath, unreadable);
  const keys = synthesizeEndpointsKeys({ summary: run, accuracyResults: run, config }, kind);
  const events = new Map<string, MllogEvent>([...keys].map(([key, value]) => [key, { key, value: value as MllogValue, line: 0, isError: false, isWarning: false }]));
  return {
    get: (key) => events.get(key),
    has: (key) => events.has(key),
    // `get_errors()` is always empty; failed samples only count through `num_errors`.
    errors: [],
    warnings: [],
    problems: [],
    lineCount: events.size,
    unreadable,
  };
}

async function loadConfig(load: Load, scenarioPath: string, unreadable: string[]): Promise<unknown> {
  const problems: string[] = [];
  for (const name of ENDPOINTS_CONFIG_FILES) {
    const path = `${scenarioPath}/${name}`;
    const result = await load(path, endpointsConfigParser);
    if (result.ok) return result.value.data;
    if (result.problems.some((problem) => problem.kind !== 'missing')) problems.push(`${path} ${result.problems[0]?.message ?? 'cannot be read'}`);
  }
  unreadable.push(...(problems.length > 0 ? problems : [`${scenarioPath}/config.yaml does not exist`]));
  return {};
}

/** The keys `_numeric_accuracy_score` tries, in order, when an endpoints score is an object. */
export const SCORE_KEYS = ['F1_HIERARCHICAL', 'f1_hierarchical', 'hierarchical', 'f1', 'score', 'accuracy'] as const;

/**
 * An endpoints accuracy score as a number, as the modular checker reads it to compare it with a target: a number, a
 * numeric string, or an object's value under the first of {@link SCORE_KEYS} it has (read the same way).
 */
export function numericScore(score: unknown): number | undefined {
  if (typeof score === 'number') return Number.isFinite(score) ? score : undefined;
  if (typeof score === 'string' && score.trim() !== '' && Number.isFinite(Number(score))) return Number(score);
  if (typeof score === 'object' && score !== null && !Array.isArray(score)) {
    const key = SCORE_KEYS.find((candidate) => Object.hasOwn(score, candidate));
    return key === undefined ? undefined : numericScore((score as Record<string, unknown>)[key]);
  }
  return undefined;
}

/**
 * An endpoints result that the compliance checks of its round apply to, with its model: compliance concerns the closed
 * and network divisions, but the official endpoints check has no division test and holds open results to it as well.
 */
export async function endpointsComplianceSubject(context: {
  readonly unit: ScenarioUnit;
  readonly round: RoundData;
  readonly profile: Profile;
  readonly index: SubmissionIndex;
  readonly load: Load;
}): Promise<{ readonly policy: EndpointsPolicy; readonly model: string; readonly modelData: ModelData | undefined } | undefined> {
  const { unit, round, profile, index, load } = context;
  const policy = round.endpoints;
  if (policy === undefined || !isEndpointsResult(round, index, unit)) return undefined;
  if (unit.division === 'open' && profile !== 'official') return undefined;
  const model = await modelOfUnit(load, round, unit);
  return { policy, model, modelData: roundModel(round, model) };
}

