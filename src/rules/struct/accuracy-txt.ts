import { isEndpointsResult } from '../../checkers/inference/measurements.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'struct/accuracy-txt',
  meta: {
    description: 'Each result has an accuracy run in accuracy/ with the accuracy.txt its accuracy script wrote.',
    category: 'struct',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'inference_rules.adoc §5.1 (an accuracy run is required for each result); submission_rules.adoc §5.6 (results/…/accuracy/accuracy.txt).',
    messages: {
      missingFolder: 'Folder accuracy/ is missing, so this result has no accuracy run. Copy the output of the accuracy run (the LoadGen logs and mlperf_log_accuracy.json) into {{path}} and add the accuracy.txt its accuracy script writes.',
      missingFile: 'accuracy/ has no accuracy.txt. Run the benchmark\'s accuracy script on accuracy/mlperf_log_accuracy.json, save its output as accuracy/accuracy.txt, then run truncate_accuracy_log.py (it appends the hash line and truncates the log).',
    },
    // The monolith rejects the result; the modular checker fails the accuracy checks of the result.
    rejects: 'scenario',
    official: {},
  },
  check({ unit, round, index, report }) {
    // An endpoints result's accuracy is in accuracy/accuracy_results.json (acc/endpoints).
    if (isEndpointsResult(round, index, unit)) return;
    const folder = `${unit.path}/accuracy`;
    if (!index.isDirectory(folder)) {
      report({ messageId: 'missingFolder', file: unit.path, data: { path: folder } });
      return;
    }
    if (!index.isFile(`${folder}/accuracy.txt`)) report({ messageId: 'missingFile', file: folder });
  },
});
