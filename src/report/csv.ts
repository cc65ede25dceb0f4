import { accuracyBounds } from '../checkers/inference/accuracy.ts';
import type { AuditResult } from '../checkers/inference/audit-submission.ts';
import type { SummarySystemField } from '../checkers/inference/result-summary.ts';
import { roundModel } from '../checkers/inference/scenario-table.ts';
import { canonicalScenario } from '../checkers/inference/scenarios.ts';
import type { ResultVerdict } from '../checkers/verdicts.ts';
import { loadRound } from '../rounds/load-round.ts';
import type { RoundData } from '../rounds/types.ts';
import { compareStrings } from '../tree/submission-index.ts';
import { pythonStr } from '../util/python-str.ts';
import type { Reporter } from './reporter.ts';

/**
 * The official checker's summary CSV (`summary.csv`): the round's header, then one row per accepted result, and a
 * second one with the power metric for a power result. The official rows come in the order the checker walked the
 * file system, which depends on the disk; here they are sorted by result folder.
 */
export const csvReporter: Reporter = (result) => [summaryCsvHeader(result), ...summaryCsvRows(result)].map((line) => `${line}\n`).join('');

export function summaryCsvHeader(result: AuditResult): string {
  return loadRound(result.round.id).summaryCsv.columns.join(',');
}

/** A result that made it into the summary: accepted, so it has its metric and summary. */
type Accepted = ResultVerdict & Required<Pick<ResultVerdict, 'metric' | 'summary'>>;

export function summaryCsvRows(result: AuditResult): string[] {
  const round = loadRound(result.round.id);
  const accepted = result.results
    .filter((verdict): verdict is Accepted => verdict.status === 'accepted' && verdict.metric !== undefined && verdict.summary !== undefined)
    .sort((a, b) => compareStrings(a.path, b.path));
  if (result.officialChecker === 'modular') return accepted.flatMap((verdict) => modularRows(verdict, round));
  const errors = monolithErrorCounts(result.results);
  return accepted.flatMap((verdict) => monolithRows(verdict, round, errors.get(verdict.path) ?? 0));
}

/** The columns every round shares, as the official checkers format them before quoting. */
function commonValues(verdict: Accepted, round: RoundData): Record<string, string> {
  const system = (field: SummarySystemField): string => pythonStr(verdict.summary.system[field]);
  return {
    Organization: verdict.submitter,
    Division: verdict.division,
    SystemType: system('system_type'),
    SystemName: system('system_name'),
    Platform: verdict.system,
    Model: verdict.benchmark,
    MlperfModel: verdict.model,
    Result: verdict.metric.text,
    Accuracy: accuracyText(verdict, round),
    number_of_nodes: system('number_of_nodes'),
    host_processor_model_name: system('host_processor_model_name'),
    host_processors_per_node: system('host_processors_per_node'),
    host_processor_core_count: system('host_processor_core_count'),
    accelerator_model_name: system('accelerator_model_name'),
    accelerators_per_node: system('accelerators_per_node'),
    framework: pythonStr(verdict.summary.system.framework ?? ''),
    operating_system: pythonStr(verdict.summary.system.operating_system ?? ''),
    notes: notes(verdict.summary.system),
    version: round.id,
    Units: verdict.metric.unit,
    weight_data_types: pythonStr(verdict.summary.weightDataTypes),
  };
}

/** The modular checker (v6.0+): every value in double quotes, none escaped (spec §2.1). */
function modularRows(verdict: Accepted, round: RoundData): string[] {
  const scenario = verdict.summary.recordedScenario ?? verdict.scenario;
  const values: Record<string, string> = {
    ...commonValues(verdict, round),
    Availability: pythonStr(verdict.summary.system.status),
    Scenario: scenario,
    total_accelerators: totalAccelerators(verdict.summary.system),
    Location: `${verdict.path}/performance/run_1`,
    compliance: verdict.division,
    errors: '0',
    // Official bug kept: the comparison is case-sensitive and its exception for Interactive is written in lower case,
    // so every Interactive (and lower-case) scenario folder is flagged as inferred.
    inferred: isModularInferred(scenario, verdict.summary.effectiveScenario) ? '1' : '0',
    has_power: verdict.power === undefined ? 'False' : 'True',
    design_power_watts: '',
    PrivateID: '',
  };
  const row = (rowValues: Record<string, string>): string => round.summaryCsv.columns.map((column) => `"${rowValues[column] ?? ''}"`).join(',');
  if (verdict.power === undefined) return [row(values)];
  return [row(values), row({ ...values, Result: verdict.power.text, Units: verdict.power.unit })];
}

/** The columns the monolith (up to v5.1) wraps in double quotes; the others are written bare (spec §2.2). */
const MONOLITH_QUOTED = new Set([
  'SystemType',
  'SystemName',
  'host_processor_model_name',
  'accelerator_model_name',
  'accelerators_per_node',
  'framework',
  'operating_system',
  'notes',
  'weight_data_types',
]);

function monolithRows(verdict: Accepted, round: RoundData, errors: number): string[] {
  // The monolith keeps a power metric only when it is positive.
  const power = verdict.power !== undefined && verdict.power.value > 0 ? verdict.power : undefined;
  const values: Record<string, string> = {
    ...commonValues(verdict, round),
    Availability: pythonStr(verdict.summary.system.status).toLowerCase(),
    Scenario: canonicalScenario(verdict.scenario) ?? verdict.scenario,
    Location: verdict.path,
    // Open results need no compliance tests; closed ones that reach the CSV passed them.
    compliance: '1',
    errors: String(errors),
    inferred: verdict.metric.inferred ? '1' : '0',
    has_power: power === undefined ? 'False' : 'True',
  };
  const row = (rowValues: Record<string, string>): string =>
    round.summaryCsv.columns.map((column) => (MONOLITH_QUOTED.has(column) ? `"${rowValues[column] ?? ''}"` : (rowValues[column] ?? ''))).join(',');
  // Only the performance row turns the double quotes of weight_data_types into single quotes.
  const performanceRow = row({ ...values, weight_data_types: values['weight_data_types']?.replaceAll('"', "'") ?? '' });
  if (power === undefined) return [performanceRow];
  const powerRow = row({ ...values, Result: power.text, Units: power.unit });
  // A system that publishes power results only (`system_power_only`) gets the power row alone.
  return isPythonTrue(verdict.summary.system.system_power_only) ? [powerRow] : [performanceRow, powerRow];
}

/** v4.1 prints the first target's value alone; later rounds print `METRIC: value` for each, two spaces apart. */
function accuracyText(verdict: Accepted, round: RoundData): string {
  const values = verdict.summary.accuracy;
  if (round.summaryCsv.accuracy === 'all-targets') return values.map(({ metric, text }) => `${metric}: ${text}`).join('  ');
  const firstTarget = accuracyBounds(roundModel(round, verdict.model), verdict.scenario)?.targets[0]?.metric;
  // str() of the value: None when accuracy.txt does not give it.
  return values.find(({ metric }) => metric === firstTarget)?.text ?? 'None';
}

/** `hw_notes`, then `. ` and `sw_notes` when there are software notes. */
function notes(system: Accepted['summary']['system']): string {
  const hardware = system.hw_notes ?? '';
  if (!isTruthy(system.sw_notes)) return pythonStr(hardware);
  return `${isTruthy(hardware) ? `${pythonStr(hardware)}. ` : ''}${pythonStr(system.sw_notes)}`;
}

/** `int(number_of_nodes) * int(accelerators_per_node)`; empty where Python's int() would fail. */
function totalAccelerators(system: Accepted['summary']['system']): string {
  const nodes = pythonInt(system.number_of_nodes);
  const perNode = pythonInt(system.accelerators_per_node);
  return nodes === undefined || perNode === undefined ? '' : String(nodes * perNode);
}

function pythonInt(value: unknown): bigint | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return BigInt(Math.trunc(value));
  if (typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value)) return BigInt(value.trim());
  return undefined;
}

function isModularInferred(scenario: string, effective: string | undefined): boolean {
  return scenario !== effective && !(effective === 'server' && scenario === 'interactive');
}

/** The monolith's get_boolean: a boolean, the string "true" in any case, or a non-zero integer. */
function isPythonTrue(value: unknown): boolean {
  if (typeof value === 'string') return value.toLowerCase() === 'true';
  return value === true || (typeof value === 'number' && value !== 0);
}

function isTruthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object' && value !== null) return Object.keys(value).length > 0;
  return Boolean(value);
}

/** How an earlier failure of a scenario counts in the monolith's `errors` column (its `errors += 1` statements). */
function monolithErrorsOf(verdict: ResultVerdict): number {
  const ids = verdict.rejectedBy;
  // These stop the monolith's look at the scenario after one count.
  if (ids.some((id) => id.startsWith('meas/') || COUNTED_AND_STOPPED.has(id))) return 1;
  // Accuracy and performance failures count once each; compliance failures and missing run folders do not count.
  return (ids.some((id) => id.startsWith('acc/')) ? 1 : 0) + (ids.some((id) => id.startsWith('perf/') || id.startsWith('pwr/')) ? 1 : 0);
}

const COUNTED_AND_STOPPED = new Set(['struct/scenario-allowed', 'struct/measurement-dir', 'struct/code-dir', 'struct/accuracy-txt', 'struct/accuracy-files']);

/**
 * The monolith's `errors` column: a running count per benchmark folder of the failures of the scenarios it looked at
 * before (in folder order here, in listing order there).
 */
function monolithErrorCounts(results: readonly ResultVerdict[]): Map<string, number> {
  const counts = new Map<string, number>();
  const running = new Map<string, number>();
  for (const verdict of [...results].sort((a, b) => compareStrings(a.path, b.path))) {
    const benchmark = verdict.path.slice(0, verdict.path.lastIndexOf('/'));
    const before = running.get(benchmark) ?? 0;
    if (verdict.status === 'accepted') counts.set(verdict.path, before);
    else running.set(benchmark, before + monolithErrorsOf(verdict));
  }
  return counts;
}
