import { formatBound, loadAccuracyInput, monolithRejectsOpenWithoutMetrics } from '../../checkers/inference/accuracy.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'acc/metric-threshold',
  meta: {
    description: "accuracy.txt reports each of the model's accuracy metrics, and in the closed and network divisions each meets its target.",
    category: 'acc',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'inference_rules.adoc §4.1 (accuracy targets of the closed division, e.g. 99% of FP32) and §4.1.2 item 4 (open: "the submission must report the accuracy obtained").',
    messages: {
      belowTarget: '{{metric}} is {{found}}, below the target of {{target}} for {{model}}. A closed or network result must reach the target: fix the implementation (or its quantization) and re-run the accuracy and performance runs, or submit the result in the open division.',
      missingMetric: 'accuracy.txt reports no {{metric}}, one of the accuracy metrics of {{model}} ({{metrics}}). Run the reference accuracy script of the benchmark on accuracy/mlperf_log_accuracy.json and save its complete output as accuracy.txt.',
      noMetric: 'accuracy.txt reports none of the accuracy metrics of {{model}} ({{metrics}}), so the accuracy of this result is unknown. Run the reference accuracy script of the benchmark on accuracy/mlperf_log_accuracy.json and save its complete output as accuracy.txt.',
      unreadableValue: 'The {{metric}} value "{{found}}" is not a number (the official checker fails on it). Save the unmodified output of the accuracy script as accuracy.txt.',
      unknownModel: 'Benchmark folder "{{benchmark}}" maps to "{{model}}", which has no accuracy targets in round {{round}}, so the official checker fails on its accuracy check. Map the folder to the official model whose task it runs in model_mapping.json.',
    },
    // Both checkers reject the result (the monolith: "accuracy not valid", the modular checker: the accuracy checks fail).
    rejects: 'scenario',
    official: {},
  },
  async check({ unit, round, profile, load, report }) {
    const input = await loadAccuracyInput(load, round, profile, unit);
    if (input === undefined) return;
    const { txtPath, model, bounds, scan } = input;
    const official = profile === 'official';
    if (bounds === undefined || scan === undefined) {
      // The modular checker looks up the targets of an open folder it cannot map and fails (elsewhere the struct rules
      // report the folder: the monolith rejects the benchmark before reading accuracy.txt).
      if (official && unit.division === 'open' && round.officialChecker.kind === 'modular') {
        report({ messageId: 'unknownModel', file: txtPath, data: { benchmark: unit.benchmark, model, round: round.id } });
      }
      return;
    }
    // Python's float() raises: the monolith crashes, the modular checker fails the check, in every division.
    if (scan.unreadable) {
      report({ messageId: 'unreadableValue', file: txtPath, line: scan.unreadable.line, data: { metric: scan.unreadable.metric, found: scan.unreadable.text } });
    }
    const metrics = bounds.targets.map((bound) => bound.metric).join(', ');
    const nothingFound = scan.values.length === 0 && !scan.unreadable;
    if (unit.division === 'open') {
      // Open results need not reach the targets (acc/open-bounds notes them), but must report their accuracy. The
      // official checkers let open results through, except the v5.1 monolith when no metric at all was read.
      if (official && !monolithRejectsOpenWithoutMetrics(round)) return;
      if (nothingFound) report({ messageId: 'noMetric', file: txtPath, data: { model, metrics } });
      else if (!official) for (const metric of scan.missing) report({ messageId: 'missingMetric', file: txtPath, data: { metric, model, metrics } });
      return;
    }
    for (const miss of scan.belowTarget) {
      report({ messageId: 'belowTarget', file: txtPath, line: miss.line, data: { metric: miss.bound.metric, found: miss.text, target: formatBound(miss.bound.value), model } });
    }
    if (nothingFound) report({ messageId: 'noMetric', file: txtPath, data: { model, metrics } });
    else for (const metric of scan.missing) report({ messageId: 'missingMetric', file: txtPath, data: { metric, model, metrics } });
  },
});
