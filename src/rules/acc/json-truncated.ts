import { accuracyJsonPath, MAX_ACCURACY_LOG_BYTES, officialForgivesOpen } from '../../checkers/inference/accuracy.ts';
import { isEndpointsResult } from '../../checkers/inference/measurements.ts';
import { accuracyLogParser } from '../../parsers/accuracy-log.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'acc/json-truncated',
  meta: {
    description: 'accuracy/mlperf_log_accuracy.json is truncated (at most 10240 bytes) and is a LoadGen accuracy log or its truncated form.',
    category: 'acc',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'submission_rules.adoc §5.6 (accuracy logs are truncated with truncate_accuracy_log.py before submission: the repository keeps the first and last 4 KB).',
    messages: {
      notTruncated: 'mlperf_log_accuracy.json is {{size}} bytes; a submitted accuracy log is at most {{limit}} bytes. Keep the full log and run tools/submission/truncate_accuracy_log.py on the submission: it records the hash of the full log in accuracy.txt and keeps only its first and last 4096 characters.',
      malformed: 'mlperf_log_accuracy.json {{problem}}, so it is neither a LoadGen accuracy log nor one truncated by truncate_accuracy_log.py. Copy the log LoadGen wrote in the accuracy run and truncate it with truncate_accuracy_log.py.',
    },
    // Both checkers reject the result; the monolith lets an open result through (see the docs).
    rejects: 'scenario',
    official: {},
  },
  async check({ unit, round, profile, index, load, report }) {
    // The modular checker skips endpoints results (their accuracy log is the endpoints tool's, not LoadGen's).
    if (officialForgivesOpen(round, profile, unit) || isEndpointsResult(round, index, unit)) return;
    const path = accuracyJsonPath(unit.path);
    const size = index.fileSize(path);
    // A missing log is reported by acc/json-exists.
    if (size === undefined) return;
    if (size > MAX_ACCURACY_LOG_BYTES) {
      report({ messageId: 'notTruncated', file: path, data: { size, limit: MAX_ACCURACY_LOG_BYTES } });
      return;
    }
    // The official checkers look at the size only.
    if (profile === 'official') return;
    const log = await load(path, accuracyLogParser);
    const problems = log.ok ? log.value.problems : log.problems;
    const first = problems[0];
    if (first) report({ messageId: 'malformed', file: path, ...(first.line !== undefined && { line: first.line }), data: { problem: first.message } });
  },
});
