import { mllogParser, type MllogLog } from '../../parsers/mllog.ts';
import type { Division, RoundData } from '../../rounds/types.ts';
import type { SubmissionIndex } from '../../tree/submission-index.ts';
import type { ScenarioUnit } from '../../tree/units.ts';
import { PERFORMANCE_RUN_LOG } from './compliance.ts';
import { isEndpointsResult } from './measurements.ts';
import type { Load } from './result-metric.ts';
import { accuracyLogPath, performanceLogPath } from './scenarios.ts';

/** Which run of a result a LoadGen log records. */
export type RunRole = 'performance' | 'accuracy' | 'compliance';

/** One LoadGen run of a result, with its parsed detail log. */
export interface ResultRun {
  readonly role: RunRole;
  /** The compliance test (`TEST01`, …) of a compliance run. */
  readonly test?: string;
  /** The detail log, relative to the submission root. */
  readonly path: string;
  readonly log: MllogLog;
  /** How a message names the run: `performance run`, `accuracy run`, `TEST04 run`. */
  readonly name: string;
}

/** Compliance tests are run, and checked, in these divisions only. */
const COMPLIANCE_DIVISIONS: ReadonlySet<Division> = new Set(['closed', 'network']);
const COMPLIANCE_TEST = /^TEST\d+$/;

/**
 * The LoadGen runs of a result whose detail logs parse: its performance run (`performance/run_1`), its accuracy run
 * (`accuracy/`) and, in the closed and network divisions, the performance run of each compliance test folder that has
 * one. Missing or unreadable logs are the findings of other rules (struct/*, perf/log-parse, acc/detail-log,
 * comp/required-files); v6.1 endpoints results have no LoadGen logs.
 */
export async function resultRuns(context: { readonly unit: ScenarioUnit; readonly index: SubmissionIndex; readonly load: Load; readonly round: RoundData }): Promise<ResultRun[]> {
  const { unit, index, load, round } = context;
  if (isEndpointsResult(round, index, unit)) return [];
  const candidates: Omit<ResultRun, 'log'>[] = [
    { role: 'performance', path: performanceLogPath(unit.path), name: 'performance run' },
    { role: 'accuracy', path: accuracyLogPath(unit.path), name: 'accuracy run' },
  ];
  if (COMPLIANCE_DIVISIONS.has(unit.division)) {
    for (const test of index.directoryNames(unit.compliancePath).filter((name) => COMPLIANCE_TEST.test(name))) {
      candidates.push({ role: 'compliance', test, path: `${unit.compliancePath}/${test}/${PERFORMANCE_RUN_LOG}`, name: `${test} run` });
    }
  }
  const runs: ResultRun[] = [];
  for (const candidate of candidates) {
    if (!index.isFile(candidate.path)) continue;
    const parsed = await load(candidate.path, mllogParser);
    if (parsed.ok && parsed.value.lineCount > 0) runs.push({ ...candidate, log: parsed.value });
  }
  return runs;
}
