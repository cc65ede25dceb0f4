import { accuracyTxtParserOf, accuracyTxtPath, officialForgivesOpen } from '../../checkers/inference/accuracy.ts';
import { isEndpointsResult } from '../../checkers/inference/measurements.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'acc/hash',
  meta: {
    description: 'accuracy.txt holds the hash line truncate_accuracy_log.py writes (hash=<sha256 of the full accuracy log>).',
    category: 'acc',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'submission_rules.adoc §5.6 (accuracy logs are truncated with truncate_accuracy_log.py before submission, which records the hash of the full log in accuracy.txt).',
    messages: {
      missingHash: 'accuracy.txt has no "hash=<sha256>" line, so nothing ties the truncated accuracy log to the full one. Keep the full mlperf_log_accuracy.json and run tools/submission/truncate_accuracy_log.py on the submission: it appends the hash line and truncates the log.',
    },
    // Both checkers reject a closed or network result; open results are let through (see the docs).
    rejects: 'scenario',
    official: {},
  },
  async check({ unit, round, profile, index, load, report }) {
    // The modular checker logs the error but accepts open results; the monolith lets them through as well. It reads
    // no accuracy.txt for an endpoints result.
    if (officialForgivesOpen(round, profile, unit, { modularToo: true }) || isEndpointsResult(round, index, unit)) return;
    const txtPath = accuracyTxtPath(unit.path);
    const txt = await load(txtPath, accuracyTxtParserOf(round));
    if (txt.ok && txt.value.hash === undefined) report({ messageId: 'missingHash', file: txtPath });
  },
});
