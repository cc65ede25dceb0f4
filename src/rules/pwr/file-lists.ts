import { compareFileList } from '../../checkers/inference/file-list.ts';
import { isPowerResult, powerPaths } from '../../checkers/inference/power.ts';
import type { FileList } from '../../rounds/types.ts';
import { defineRule } from '../rule.ts';

/** The power analyzer log each LoadGen run of a power result carries (REQUIRED_PERF_POWER_FILES). */
const SAMPLE_LOG = 'spl.txt';
/** REQUIRED_POWER_FILES, plus the files `files_diff` always tolerates. */
const POWER_FOLDER: FileList = {
  required: ['client.json', 'client.log', 'ptd_logs.txt', 'server.json', 'server.log'],
  optional: ['mlperf_log_trace.json', 'results.json', '.gitkeep'],
};

export default defineRule({
  id: 'pwr/file-lists',
  meta: {
    description: 'A power result holds exactly the files of a power measurement in performance/ranging/, performance/power/ and performance/run_1/.',
    category: 'pwr',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'submission_rules.adoc §5.6 (performance/ranging/ and performance/power/ of power results); MLPerf Power measurement rules (ranging run, then measured run, under the MLCommons power client and server).',
    messages: {
      missingFolder: 'This power result has no {{folder}} folder. Copy the {{content}} into it, or remove performance/power/ if the result has no power measurement.',
      missingFile: '{{folder}} has no {{name}}, which every power result must include. Copy it from the output of the power measurement session.',
      unexpectedFile: 'File "{{name}}" does not belong in {{folder}}, which holds only {{expected}}. Remove it.',
    },
    // Both checkers report "has file list mismatch" and reject the result.
    rejects: 'scenario',
    official: {},
  },
  check({ unit, round, profile, index, report }) {
    if (!isPowerResult(index, unit)) return;
    const paths = powerPaths(unit);
    const runList: FileList = { ...round.files.performanceRun, required: [...round.files.performanceRun.required, SAMPLE_LOG] };
    const folders = [
      { path: paths.ranging, list: runList, content: 'LoadGen logs and spl.txt of the ranging run' },
      { path: paths.power, list: POWER_FOLDER, content: 'session files of the power client and server and the PTD log' },
    ];
    // struct/perf-files compares run_1 everywhere except where the modular checker decides (it compares run_1 only here).
    if (profile === 'official' && round.officialChecker.kind === 'modular' && index.isDirectory(paths.run)) {
      folders.push({ path: paths.run, list: runList, content: 'LoadGen logs and spl.txt of the measured run' });
    }
    for (const { path, list, content } of folders) {
      const folder = path.slice(unit.path.length + 1);
      if (!index.isDirectory(path)) {
        report({ messageId: 'missingFolder', file: index.exists(path) ? path : paths.performance, data: { folder, content } });
        continue;
      }
      const { missing, unexpected, expected } = compareFileList(index, path, list);
      for (const name of missing) report({ messageId: 'missingFile', file: path, data: { folder, name } });
      for (const name of unexpected) report({ messageId: 'unexpectedFile', file: `${path}/${name}`, data: { folder, name, expected: expected.join(', ') } });
    }
  },
});
