import { compareFileList } from '../../checkers/inference/file-list.ts';
import { isEndpointsResult } from '../../checkers/inference/measurements.ts';
import { performanceLogPath } from '../../checkers/inference/scenarios.ts';
import { defineRule } from '../rule.ts';

/** The power analyzer's log of the performance run, required in run_1 of a power result. */
const POWER_RUN_LOG = 'spl.txt';

export default defineRule({
  id: 'struct/perf-files',
  meta: {
    description: 'The performance/run_1/ folder of a result holds exactly the files of a performance run: the required ones, plus optional ones the round allows.',
    category: 'struct',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'submission_rules.adoc §5.6 (results/…/performance/run_1/: the LoadGen logs of the performance run, and spl.txt for power results).',
    messages: {
      missingFile: 'performance/run_1 has no {{name}}. Copy {{name}} from the output of this performance run into it.',
      unexpectedFile: 'File "{{name}}" does not belong in performance/run_1, which holds only {{expected}}. Remove it, or move it to the documentation or code folder of the submission.',
    },
    // The monolith rejects the result; the modular checker compares the list only for power and compliance runs.
    rejects: 'scenario',
    official: { rounds: { until: 'v5.1' } },
    stage: 'performance',
  },
  check({ unit, round, index, report }) {
    const folder = `${unit.path}/performance/run_1`;
    // struct/perf-run1 reports a missing run_1 and a missing detail log; an endpoints result has no LoadGen run.
    if (!index.isDirectory(folder) || isEndpointsResult(round, index, unit)) return;
    const power = index.exists(`${unit.path}/performance/power`) ? [POWER_RUN_LOG] : [];
    const { missing, unexpected, expected } = compareFileList(index, folder, round.files.performanceRun, power);
    for (const name of missing) {
      if (`${folder}/${name}` !== performanceLogPath(unit.path)) report({ messageId: 'missingFile', file: folder, data: { name } });
    }
    for (const name of unexpected) report({ messageId: 'unexpectedFile', file: `${folder}/${name}`, data: { name, expected: expected.join(', ') } });
  },
});
