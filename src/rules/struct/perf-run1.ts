import { isEndpointsResult } from '../../checkers/inference/measurements.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'struct/perf-run1',
  meta: {
    description: 'Each result has its performance run in performance/run_1/ with a LoadGen detail log.',
    category: 'struct',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'inference_rules.adoc §5.1: one LoadGen validation run is required for each submitted performance result; submission_rules.adoc §5.6 (results/…/performance/run_1).',
    messages: {
      missingRun: 'Folder performance/run_1 is missing, so this result has no performance run. Copy the LoadGen output of the performance run (mlperf_log_summary.txt and mlperf_log_detail.txt) into {{path}}.',
      missingDetail: 'performance/run_1 has no mlperf_log_detail.txt. Copy the detail log LoadGen wrote for this run into it.',
    },
    // The monolith rejects the result; the modular checker crashes on the whole tree, so we reject the result.
    rejects: 'scenario',
    official: {},
    stage: 'performance',
  },
  check({ unit, round, index, report }) {
    // An endpoints result has no LoadGen run: its performance summary is performance/result_summary.json.
    if (isEndpointsResult(round, index, unit)) return;
    const runPath = `${unit.path}/performance/run_1`;
    if (!index.isDirectory(runPath)) {
      report({ messageId: 'missingRun', file: unit.path, data: { path: runPath } });
      return;
    }
    if (!index.isFile(`${runPath}/mlperf_log_detail.txt`)) report({ messageId: 'missingDetail', file: runPath });
  },
});
