import { isEndpointsResult } from '../../checkers/inference/measurements.ts';
import { accuracyLogPath } from '../../checkers/inference/scenarios.ts';
import { mllogParser } from '../../parsers/mllog.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'acc/detail-log',
  meta: {
    description: 'The accuracy run has its LoadGen detail log in accuracy/, and it is a well-formed MLLOG file.',
    category: 'acc',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'submission_rules.adoc §5.6 (results/…/accuracy/ holds the LoadGen logs of the accuracy run) and §5.6.3.',
    messages: {
      missing: 'accuracy/ has no mlperf_log_detail.txt, so the accuracy run cannot be checked (mode, sample count, LoadGen errors). Copy the detail log LoadGen wrote in the accuracy run into {{folder}}.',
      unreadable: 'The accuracy detail log {{problem}}, so the accuracy run cannot be checked. Submit mlperf_log_detail.txt exactly as LoadGen wrote it.',
      malformedLine: 'Line {{line}} of the accuracy detail log {{problem}}; the official checkers read the log strictly and give up on it. Submit mlperf_log_detail.txt exactly as LoadGen wrote it.',
    },
    // The monolith rejects the result for the accuracy/ file list (struct/accuracy-files leaves this file to this rule);
    // the modular checker fails in its loader and the whole run stops, where we reject only the result.
    rejects: 'scenario',
    official: {},
  },
  async check({ unit, round, index, load, report }) {
    const folder = `${unit.path}/accuracy`;
    // A missing accuracy/ folder is struct/accuracy-txt's finding; an endpoints result has no LoadGen accuracy run.
    if (!index.isDirectory(folder) || isEndpointsResult(round, index, unit)) return;
    const path = accuracyLogPath(unit.path);
    if (index.get(path) === undefined) {
      report({ messageId: 'missing', file: folder, data: { folder } });
      return;
    }
    const log = await load(path, mllogParser);
    if (!log.ok) {
      for (const problem of log.problems) report({ messageId: 'unreadable', file: path, data: { problem: problem.message } });
      return;
    }
    for (const problem of log.value.problems) {
      const line = problem.line ?? 1;
      report({ messageId: 'malformedLine', file: path, line, data: { line, problem: problem.message } });
    }
  },
});
