import { modelOfUnit } from '../../checkers/inference/model-name.ts';
import { roundModel } from '../../checkers/inference/scenario-table.ts';
import { accuracyLogPath, canonicalScenario } from '../../checkers/inference/scenarios.ts';
import { mllogParser, numberValue } from '../../parsers/mllog.ts';
import type { ModelData } from '../../rounds/types.ts';
import { defineRule } from '../rule.ts';

/** The number of samples the accuracy run must cover: the accuracy set where the round has one, else the dataset. */
function expectedSamples(modelData: ModelData | undefined, scenarioFolder: string): number | undefined {
  const scenario = canonicalScenario(scenarioFolder);
  return (scenario && modelData?.accuracySampleCountByScenario?.[scenario]) || modelData?.accuracySampleCount || modelData?.datasetSize;
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
    },
    // The modular checker rejects the result; the v5.1 monolith (which added the check) only logs the mismatch.
    rejects: 'scenario',
    official: { rounds: { since: 'v5.1' }, severity: { monolith: 'warning', modular: 'error' } },
  },
  async check({ unit, round, load, report }) {
    const model = await modelOfUnit(load, round, unit);
    const expected = expectedSamples(roundModel(round, model), unit.scenario);
    // The round gives no sample count for the model (v4.1 has none; an unknown model is reported elsewhere).
    if (expected === undefined) return;
    const path = accuracyLogPath(unit.path);
    const log = await load(path, mllogParser);
    if (!log.ok || log.value.lineCount === 0) return;
    const key = log.value.has('effective_accuracy_sample_count') ? 'effective_accuracy_sample_count' : 'qsl_reported_total_count';
    const event = log.value.get(key);
    if (event === undefined) {
      report({ messageId: 'noCount', file: path });
      return;
    }
    const found = numberValue(event);
    if (found !== expected) report({ messageId: 'mismatch', file: path, line: event.line, data: { found: found ?? String(event.value), key, model, expected } });
  },
});
