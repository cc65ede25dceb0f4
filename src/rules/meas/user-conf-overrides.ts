import { latencyConstraint } from '../../checkers/inference/corrected-constants.ts';
import { hasMeasurementsFolder } from '../../checkers/inference/measurements.ts';
import { modelOfUnit } from '../../checkers/inference/model-name.ts';
import { roundModel } from '../../checkers/inference/scenario-table.ts';
import { canonicalScenario } from '../../checkers/inference/scenarios.ts';
import { loadgenConfParser, lookupConfSetting, splitConfKey, type ConfEntry, type LoadgenConf } from '../../parsers/loadgen-conf.ts';
import type { ModelData, RoundData, Scenario } from '../../rounds/types.ts';
import { defineRule, type Profile } from '../rule.ts';

/** A user.conf line that makes the result open-only, and why. */
interface OpenOnlyLine {
  readonly entry: ConfEntry;
  readonly key: string;
  /** What the line changes, for the message: `the latency percentile to 95 (mlperf.conf: 99)`. */
  readonly change: string;
}

const INTERACTIVE_SUFFIX = '-interactive';

/** A model name without the accuracy target or the Interactive suffix, as LoadGen and the checkers spell it alike. */
function family(name: string): string {
  return name.toLowerCase().replace(/_/g, '.').replace(/-interactive$/, '').replace(/-99(\.9)?$/, '');
}

/**
 * The LoadGen model names (the first part of a key) under which the harness may have looked this result up. LoadGen
 * gets the name from the harness, not from the benchmark folder, so the candidates are the file's own names: those of
 * the result's model family (`resnet50` for resnet, `llama3_1-8b` for llama3.1-8b) when the file names other models
 * too, and for an Interactive result those ending in `-interactive` (LoadGen runs it as that model in Server).
 */
function candidateModels(conf: LoadgenConf, officialModel: string, interactive: boolean): string[] {
  const named = [...new Set([...conf.entries.keys()].map((key) => splitConfKey(key)?.model).filter((model): model is string => model !== undefined && model !== '*'))];
  const base = family(officialModel);
  const related = named.filter((model) => family(model).startsWith(base) || base.startsWith(family(model)));
  const ours = related.length > 0 ? related : named;
  const matching = ours.filter((model) => model.endsWith(INTERACTIVE_SUFFIX) === interactive);
  if (matching.length > 0) return matching;
  return ours.length > 0 ? ours : ['*'];
}

/**
 * The lines that set, for this result's scenario, a key LoadGen's TestSettings::FromConfig lets a user.conf change
 * only for open submissions, to a value other than the official one.
 */
function openOnlyLines(conf: LoadgenConf, options: { round: RoundData; model: string; modelData: ModelData | undefined; folderScenario: Scenario; profile: Profile }): OpenOnlyLine[] {
  const { round, model: officialModel, modelData, folderScenario, profile } = options;
  const scenario: Scenario = folderScenario === 'Interactive' ? 'Server' : folderScenario;
  const keyOf = new Map([...conf.entries].map(([key, entry]) => [entry, key]));
  const found = new Map<number, OpenOnlyLine>();
  const add = (entry: ConfEntry, change: string): void => {
    if (!found.has(entry.line)) found.set(entry.line, { entry, key: keyOf.get(entry) ?? '', change });
  };
  for (const model of candidateModels(conf, officialModel, folderScenario === 'Interactive')) {
    const lookup = (setting: string): ConfEntry | undefined => lookupConfSetting(conf, model, scenario, setting);
    const percentile = modelData?.latencyPercentiles?.[scenario] ?? round.latencyPercentiles?.[scenario];
    const percentileEntry = lookup('target_latency_percentile');
    if (percentile !== undefined && percentileEntry !== undefined && Number(percentileEntry.value) !== percentile) {
      add(percentileEntry, `the ${scenario} latency percentile to ${percentileEntry.value} (mlperf.conf: ${percentile})`);
    }
    const samplesPerQuery = round.multiStreamSamplesPerQuery;
    const samplesEntry = scenario === 'MultiStream' ? lookup('samples_per_query') : undefined;
    if (samplesPerQuery !== undefined && samplesEntry !== undefined && Number(samplesEntry.value) !== samplesPerQuery) {
      add(samplesEntry, `the MultiStream samples per query to ${samplesEntry.value} (mlperf.conf: ${samplesPerQuery})`);
    }
    // Server's target_latency is in milliseconds; SingleStream's and MultiStream's are expected latencies, mere hints.
    const constraint = scenario === 'Server' ? (latencyConstraint(modelData, folderScenario, profile) ?? latencyConstraint(modelData, scenario, profile)) : undefined;
    const latencyEntry = scenario === 'Server' ? lookup('target_latency') : undefined;
    if (constraint !== undefined && latencyEntry !== undefined && Number(latencyEntry.value) * 1e6 > constraint.value) {
      add(latencyEntry, `the Server target latency to ${latencyEntry.value} ms, above the ${constraint.value / 1e6} ms constraint`);
    }
    const tokenEntry = lookup('use_token_latencies');
    const tokensExpected = modelData?.llm === true;
    if (tokenEntry !== undefined && (Number(tokenEntry.value) !== 0) !== tokensExpected) {
      add(tokenEntry, `use_token_latencies to ${tokenEntry.value} (mlperf.conf: ${tokensExpected ? 1 : 0} for this model)`);
    }
  }
  return [...found.values()].sort((a, b) => a.entry.line - b.entry.line);
}

export default defineRule({
  id: 'meas/user-conf-overrides',
  meta: {
    description: "user.conf changes none of the settings that make a result open-only: a scenario's latency percentile, MultiStream's samples per query, a Server target latency above the constraint, use_token_latencies.",
    category: 'meas',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText:
      'inference_rules.adoc §3 (each scenario\'s tail-latency percentile and MultiStream\'s 8 samples per query), §4.1 (latency constraints) and §4.1.2 (open results report the constraints they ran under); TestSettings::FromConfig of LoadGen (test_settings_internal.cc) lists these keys as overridable in user.conf for open submissions only.',
    messages: {
      openOnly:
        '"{{key}}" sets {{change}}, which LoadGen allows for open results only. Remove the line and re-run the performance test, or submit the result in the open division.',
      openOnlyInOpen:
        '"{{key}}" sets {{change}}. The open division allows it; state it with the result, since it is not comparable with closed results.',
    },
    messageSeverities: { openOnlyInOpen: 'info' },
    rejects: 'scenario',
    official: false,
  },
  async check({ unit, index, load, round, profile, report }) {
    if (!hasMeasurementsFolder(index, unit)) return;
    const file = `${unit.measurementsPath}/user.conf`;
    const folderScenario = canonicalScenario(unit.scenario);
    if (!index.isFile(file) || folderScenario === undefined) return;
    const conf = await load(file, loadgenConfParser);
    // A file LoadGen rejects applies nothing (meas/user-conf-lines says why).
    if (!conf.ok || conf.value.rejected) return;
    const model = await modelOfUnit(load, round, unit);
    const modelData = roundModel(round, model);
    const messageId = unit.division === 'open' ? 'openOnlyInOpen' : 'openOnly';
    for (const { entry, key, change } of openOnlyLines(conf.value, { round, model, modelData, folderScenario, profile })) {
      report({ messageId, file, line: entry.line, data: { key, change } });
    }
  },
});
