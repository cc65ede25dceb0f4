import { endpointsAccuracyResultsPath, loadEndpointsLog, resultScenario } from '../../checkers/inference/endpoints.ts';
import { isEndpointsResult } from '../../checkers/inference/measurements.ts';
import { modelOfUnit } from '../../checkers/inference/model-name.ts';
import type { Load } from '../../checkers/inference/result-metric.ts';
import { roundModel } from '../../checkers/inference/scenario-table.ts';
import { accuracyLogPath } from '../../checkers/inference/scenarios.ts';
import { mllogParser, numberValue, type MllogLog } from '../../parsers/mllog.ts';
import type { ModelData, Scenario } from '../../rounds/types.ts';
import type { ScenarioUnit } from '../../tree/units.ts';
import { defineRule } from '../rule.ts';

/** The number of samples the accuracy run must cover: the accuracy set where the round has one, else the dataset. */
function expectedSamples(modelData: ModelData | undefined, scenario: Scenario | undefined): number | undefined {
  return (scenario && modelData?.accuracySampleCountByScenario?.[scenario]) || modelData?.accuracySampleCount || modelData?.datasetSize;
}

/**
 * The log of the accuracy run: LoadGen's detail log, or the keys the official parser makes of an endpoints result's
 * accuracy_results.json (its datasets' samples summed into effective_accuracy_sample_count). Undefined when it cannot
 * be read, which the rules owning the file report.
 */
async function accuracyRunLog(load: Load, unit: ScenarioUnit, endpoints: boolean): Promise<{ path: string; log: MllogLog } | undefined> {
  if (endpoints) {
    const log = await loadEndpointsLog(load, unit.path, 'accuracy');
    const path = endpointsAccuracyResultsPath(unit.path);
    return log.unreadable.some((problem) => problem.startsWith(path)) ? undefined : { path, log };
  }
  const path = accuracyLogPath(unit.path);
  const log = await load(path, mllogParser);
  return log.ok && log.value.lineCount > 0 ? { path, log: log.value } : undefined;
}

export default defineRule({
  id: 'acc/dataset-coverage',
  meta: {
    description: 'The accuracy run covers the whole accuracy data set of the model (effective_accuracy_sample_count, else qsl_reported_total_count).',
    category: 'acc',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'inference_rules.adoc §5.1 (the accuracy run processes the entire validation data set) and §4.1.2 item 3 (open: "must use all the available samples in the dataset").',
    messages: {
      mismatch: 'The accuracy run covered {{found}} samples ({{key}}), but the accuracy data set of {{model}} has {{expected}}. Run the accuracy mode on the complete data set (no sample-count override in user.conf) and re-score it.',
      noCount: 'The accuracy log records neither effective_accuracy_sample_count nor qsl_reported_total_count, so the number of samples the accuracy run covered is unknown. Copy the complete mlperf_log_detail.txt LoadGen wrote in the accuracy run.',
      noEndpointsCount:
        'accuracy_results.json gives no sample count (no total_samples or response_counts.issued in its accuracy datasets, no n_samples_issued), so the number of samples the accuracy run covered is unknown. Submit the accuracy_results.json the endpoints tool wrote for the full accuracy run.',
    },
    // The modular checker rejects the result; the v5.1 monolith (which added the check) only logs the mismatch.
    rejects: 'scenario',
    official: { rounds: { since: 'v5.1' }, severity: { monolith: 'warning', modular: 'error' } },
  },
  async check({ unit, round, index, load, report }) {
    const model = await modelOfUnit(load, round, unit);
    const expected = expectedSamples(roundModel(round, model), resultScenario(round, index, unit));
    // The round gives no sample count for the model (v4.1 has none; an unknown model is reported elsewhere).
    if (expected === undefined) return;
    const endpoints = isEndpointsResult(round, index, unit);
    const run = await accuracyRunLog(load, unit, endpoints);
    if (run === undefined) return;
    const { path, log } = run;
    const key = log.has('effective_accuracy_sample_count') ? 'effective_accuracy_sample_count' : 'qsl_reported_total_count';
    const event = log.get(key);
    if (event === undefined) {
      report({ messageId: endpoints ? 'noEndpointsCount' : 'noCount', file: path });
      return;
    }
    const found = numberValue(event);
    // An endpoints value comes from several files and has no line.
    if (found !== expected) report({ messageId: 'mismatch', file: path, ...(!endpoints && { line: event.line }), data: { found: found ?? String(event.value), key, model, expected } });
  },
});
