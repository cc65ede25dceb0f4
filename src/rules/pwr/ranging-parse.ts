import { modelOfUnit } from '../../checkers/inference/model-name.ts';
import { isPowerResult, powerPaths } from '../../checkers/inference/power.ts';
import { roundModel } from '../../checkers/inference/scenario-table.ts';
import { canonicalScenario } from '../../checkers/inference/scenarios.ts';
import { mllogParser, numberValue, type MllogLog } from '../../parsers/mllog.ts';
import type { ModelData, RoundData, Scenario } from '../../rounds/types.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'pwr/ranging-parse',
  meta: {
    description: 'The ranging run of a power result has a complete LoadGen detail log from which its result can be read.',
    category: 'pwr',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'MLPerf Power measurement rules: the ranging run is a full LoadGen run of the same workload, whose logs are submitted in performance/ranging/ (submission_rules.adoc §5.6).',
    messages: {
      notLoadgenLog: 'performance/ranging/mlperf_log_detail.txt {{problem}}, so it is not a complete LoadGen log. Copy the detail log LoadGen wrote for the ranging run, unmodified.',
      noResult: 'The result of the ranging run cannot be read from performance/ranging/mlperf_log_detail.txt: {{reason}}. Copy the complete detail log LoadGen wrote for the ranging run.',
    },
    // The monolith computes the ranging result in a try block; an exception rejects the result.
    rejects: 'scenario',
    official: { rounds: { until: 'v5.1' } },
  },
  async check({ unit, round, index, load, report }) {
    if (!isPowerResult(index, unit)) return;
    const logPath = `${powerPaths(unit).ranging}/mlperf_log_detail.txt`;
    // pwr/file-lists reports a missing ranging log.
    if (!index.isFile(logPath)) return;
    const parsed = await load(logPath, mllogParser);
    if (!parsed.ok) {
      report({ messageId: 'notLoadgenLog', file: logPath, data: { problem: parsed.problems[0]?.message ?? 'cannot be read' } });
      return;
    }
    // The official parser is strict: the first malformed MLLOG line aborts it.
    const malformed = parsed.value.problems[0];
    if (malformed) {
      report({ messageId: 'notLoadgenLog', file: logPath, data: { problem: malformed.message }, ...(malformed.line !== undefined && { line: malformed.line }) });
      return;
    }
    const model = await modelOfUnit(load, round, unit);
    const reason = rangingResultProblem(parsed.value, round, roundModel(round, model), canonicalScenario(unit.scenario));
    if (reason !== undefined) report({ messageId: 'noResult', file: logPath, data: { reason } });
  },
});

/**
 * Why the monolith's `get_performance_metric` raises on a log, if it does: the effective scenario must have a result
 * key, that key (and the model's override of it) must hold a number, and a result inferred for another scenario needs
 * the values its formula uses.
 */
function rangingResultProblem(log: MllogLog, round: RoundData, model: ModelData | undefined, directory: Scenario | undefined): string | undefined {
  const effectiveValue = log.get('effective_scenario')?.value;
  const effective = typeof effectiveValue === 'string' ? canonicalScenario(effectiveValue) : undefined;
  const key = effective === effectiveValue && effective !== undefined ? round.resultFields[effective] : undefined;
  if (effective === undefined || key === undefined) return `its effective_scenario (${JSON.stringify(effectiveValue ?? null)}) is not a scenario with a result`;
  for (const resultKey of [key, model?.resultFields?.[effective]]) {
    if (resultKey !== undefined && numberValue(log.get(resultKey)) === undefined) return `it has no numeric ${resultKey}`;
  }
  if (directory === undefined || directory === effective) return undefined;
  const need = (...keys: string[]): string | undefined => {
    const absent = keys.filter((name) => numberValue(log.get(name)) === undefined);
    return absent.length > 0 ? `the ${directory} result inferred from its ${effective} run needs ${absent.join(' and ')}` : undefined;
  };
  if (directory === 'MultiStream' && effective === 'SingleStream') return need('early_stopping_latency_ms');
  if (directory === 'Offline' && effective === 'MultiStream') {
    return need('effective_samples_per_query', 'result_mean_query_latency_ns') ?? (numberValue(log.get('result_mean_query_latency_ns')) === 0 ? 'its result_mean_query_latency_ns is 0' : undefined);
  }
  return undefined;
}
