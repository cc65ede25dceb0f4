import { accuracyTxtParserOf } from '../../checkers/inference/accuracy.ts';
import { accuracyLogParser } from '../../parsers/accuracy-log.ts';
import { sha256Parser } from '../../parsers/file-hash.ts';
import { defineRule } from '../rule.ts';

/** The compliance tests whose accuracy/ folder truncate_accuracy_log.py truncates and hashes (spec §2.3). */
const HASHED_TESTS = ['TEST01', 'TEST07', 'TEST09'];

export default defineRule({
  id: 'acc/hash-matches',
  meta: {
    description: 'Where an accuracy log is complete, the hash accuracy.txt records is the SHA-256 of that log.',
    category: 'acc',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'submission_rules.adoc §5.6 (accuracy logs are truncated with truncate_accuracy_log.py, which records in accuracy.txt the hash of the full log the accuracy was computed from).',
    messages: {
      mismatch: 'accuracy.txt records hash {{recorded}}, but the complete mlperf_log_accuracy.json beside it has SHA-256 {{actual}}, so accuracy.txt was written for another log. Score the log that is submitted, then run truncate_accuracy_log.py on the submission.',
    },
    rejects: 'scenario',
    // No official checker can compare the hash: it sees only truncated logs (spec §3.4).
    official: false,
  },
  async check({ unit, index, round, load, report }) {
    const folders = [`${unit.path}/accuracy`, ...HASHED_TESTS.map((test) => `${unit.compliancePath}/${test}/accuracy`)];
    for (const folder of folders) {
      const txt = `${folder}/accuracy.txt`;
      const log = `${folder}/mlperf_log_accuracy.json`;
      if (!index.isFile(txt) || !index.isFile(log)) continue;
      const recorded = await load(txt, accuracyTxtParserOf(round));
      if (!recorded.ok || recorded.value.hash === undefined) continue;
      // A truncated log no longer has the recorded hash; only a complete one can be compared.
      const content = await load(log, accuracyLogParser);
      if (!content.ok || content.value.form !== 'complete') continue;
      const actual = await load(log, sha256Parser);
      if (!actual.ok || actual.value === recorded.value.hash.value.toLowerCase()) continue;
      report({ messageId: 'mismatch', file: txt, line: recorded.value.hash.line, data: { recorded: recorded.value.hash.value, actual: actual.value } });
    }
  },
});
