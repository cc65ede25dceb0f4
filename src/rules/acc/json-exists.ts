import { accuracyJsonPath } from '../../checkers/inference/accuracy.ts';
import { isEndpointsResult } from '../../checkers/inference/measurements.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'acc/json-exists',
  meta: {
    description: 'The accuracy run of each result keeps its (truncated) LoadGen accuracy log, accuracy/mlperf_log_accuracy.json.',
    category: 'acc',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'submission_rules.adoc §5.6 (results/…/accuracy/mlperf_log_accuracy.json, truncated by truncate_accuracy_log.py).',
    messages: {
      missing: 'accuracy/ has no mlperf_log_accuracy.json, the log of the samples the accuracy score was computed from. Copy the log of the accuracy run into accuracy/, then run truncate_accuracy_log.py on the submission.',
    },
    // The monolith rejects the result (its file-list check), the modular checker fails the accuracy checks.
    rejects: 'scenario',
    official: {},
  },
  check({ unit, round, index, report }) {
    const folder = `${unit.path}/accuracy`;
    // A missing accuracy/ folder is reported by struct/accuracy-txt; the modular checker skips endpoints results.
    if (!index.isDirectory(folder) || isEndpointsResult(round, index, unit)) return;
    if (!index.isFile(accuracyJsonPath(unit.path))) report({ messageId: 'missing', file: folder });
  },
});
