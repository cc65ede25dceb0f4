import { accuracyBounds, formatBound } from '../../checkers/inference/accuracy.ts';
import { endpointsAccuracyResultsPath, endpointsFolderScenario, loadEndpointsLog, numericScore, SCORE_KEYS } from '../../checkers/inference/endpoints.ts';
import { isEndpointsResult } from '../../checkers/inference/measurements.ts';
import { modelOfUnit } from '../../checkers/inference/model-name.ts';
import { roundModel } from '../../checkers/inference/scenario-table.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'acc/endpoints',
  meta: {
    description:
      'An endpoints ("LoadGen++") result has an accuracy score in accuracy/accuracy_results.json, and where the round holds endpoints scores to the target (qwen3-vl-235b-a22b), it meets it in the closed and network divisions.',
    category: 'acc',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: { since: 'v6.1' },
    ruleText: 'inference_rules.adoc §4.1 (accuracy targets of the closed division) and §4.1.2 item 4 (open: "the submission must report the accuracy obtained").',
    messages: {
      unreadableFile: '{{problem}}, so this endpoints result has no accuracy score. Copy the accuracy_results.json the endpoints tool wrote when it scored the accuracy run into accuracy/.',
      noScore: 'accuracy/accuracy_results.json has no accuracy score (no "score" in its "accuracy_scores"), so the accuracy of this endpoints result is unknown. Submit the file the endpoints tool wrote after scoring the accuracy run.',
      notNumeric:
        'The accuracy score {{score}} is not a number, nor an object with one of the keys {{keys}}, so it cannot be compared with the {{metric}} target {{target}} of {{model}}. Submit the accuracy_results.json the endpoints tool wrote.',
      belowTarget:
        'The accuracy score of this {{model}} result is {{found}} ({{metric}}), below the target of {{target}}. A closed or network result must reach the target: fix the implementation (or its quantization), re-run and re-score, or submit the result in the open division.',
    },
    // The modular checker's accuracy check fails and rejects the result.
    rejects: 'scenario',
    official: { rounds: { since: 'v6.1' } },
  },
  async check({ unit, round, index, load, report }) {
    const policy = round.endpoints;
    if (policy === undefined || !isEndpointsResult(round, index, unit)) return;
    const path = endpointsAccuracyResultsPath(unit.path);
    const log = await loadEndpointsLog(load, unit.path, 'accuracy');
    const unreadable = log.unreadable.find((problem) => problem.startsWith(path));
    if (unreadable !== undefined) {
      report({ messageId: 'unreadableFile', file: path, data: { problem: unreadable } });
      return;
    }
    // The first score of any dataset is the result's score (the official parser's `accuracy_score`).
    const score = log.get('accuracy_score')?.value;
    if (score === undefined) {
      report({ messageId: 'noScore', file: path });
      return;
    }
    const model = await modelOfUnit(load, round, unit);
    // Only these models' scores are comparable with their targets; the others' scores have no agreed format.
    if (unit.division === 'open' || !policy.accuracyThresholdModels.includes(model)) return;
    const target = accuracyBounds(roundModel(round, model), endpointsFolderScenario(round, unit.scenario) ?? unit.scenario)?.targets[0];
    if (target === undefined) return;
    const found = numericScore(score);
    const data = { model, metric: target.metric, target: formatBound(target.value) };
    if (found === undefined) report({ messageId: 'notNumeric', file: path, data: { ...data, score: JSON.stringify(score), keys: SCORE_KEYS.join(', ') } });
    else if (found < target.value) report({ messageId: 'belowTarget', file: path, data: { ...data, found } });
  },
});
