import { compareFileList } from '../../checkers/inference/file-list.ts';
import { isEndpointsResult } from '../../checkers/inference/measurements.ts';
import { defineRule } from '../rule.ts';

/** Missing files that rules of their own report: struct/accuracy-txt, acc/json-exists and acc/detail-log. */
const REPORTED_ELSEWHERE = new Set(['accuracy.txt', 'mlperf_log_accuracy.json', 'mlperf_log_detail.txt']);

export default defineRule({
  id: 'struct/accuracy-files',
  meta: {
    description: 'The accuracy/ folder of a result holds exactly the files of an accuracy run: the required ones, plus optional ones the round allows.',
    category: 'struct',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'submission_rules.adoc §5.6 (results/…/accuracy/: the LoadGen logs of the accuracy run, mlperf_log_accuracy.json and accuracy.txt).',
    messages: {
      missingFile: 'accuracy/ has no {{name}}. Copy {{name}} from the output of the accuracy run into it.',
      unexpectedFile: 'File "{{name}}" does not belong in accuracy/, which holds only {{expected}}. Remove it, or move it to the documentation or code folder of the submission.',
    },
    // The monolith rejects the result; the modular checker does not compare the file list.
    rejects: 'scenario',
    official: { rounds: { until: 'v5.1' } },
  },
  check({ unit, round, index, report }) {
    const folder = `${unit.path}/accuracy`;
    // An endpoints result's accuracy folder holds accuracy_results.json, which acc/endpoints reads.
    if (!index.isDirectory(folder) || isEndpointsResult(round, index, unit)) return;
    const { missing, unexpected, expected } = compareFileList(index, folder, round.files.accuracy);
    for (const name of missing) {
      if (!REPORTED_ELSEWHERE.has(name)) report({ messageId: 'missingFile', file: folder, data: { name } });
    }
    for (const name of unexpected) report({ messageId: 'unexpectedFile', file: `${folder}/${name}`, data: { name, expected: expected.join(', ') } });
  },
});
