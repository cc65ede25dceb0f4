import { officialForgivesOpen } from '../../checkers/inference/accuracy.ts';
import { accuracyLogPath } from '../../checkers/inference/scenarios.ts';
import { mllogParser } from '../../parsers/mllog.ts';
import { roundInRange } from '../../rounds/load-round.ts';
import type { RoundData } from '../../rounds/types.ts';
import { defineRule } from '../rule.ts';

/** From the v5.1 tag on, the monolith fails with an exception (UnboundLocalError) on an accuracy log with errors. */
function monolithCrashes(round: RoundData): boolean {
  return round.officialChecker.kind === 'monolith' && roundInRange(round.id, { since: 'v5.1' });
}

export default defineRule({
  id: 'acc/loadgen-errors',
  meta: {
    description: 'The LoadGen detail log of the accuracy run (accuracy/mlperf_log_detail.txt) records no error.',
    category: 'acc',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'inference_rules.adoc §5.1 (results come from unmodified LoadGen runs) and §4.1.2 (LoadGen rules apply to the open division too).',
    messages: {
      error: 'The accuracy run logged a LoadGen error: "{{message}}". Fix its cause and re-run the accuracy run with an unmodified, committed LoadGen.',
      errorCrash: 'The accuracy run logged a LoadGen error: "{{message}}". The official checker of round {{round}} stops with an exception on such a log (the audit rejects only this result). Fix its cause and re-run the accuracy run with an unmodified, committed LoadGen.',
    },
    // Both checkers reject the result; the v5.1 monolith crashes on the whole tree, which we narrow to the result.
    rejects: 'scenario',
    official: {},
  },
  async check({ unit, round, profile, load, report }) {
    const crashes = monolithCrashes(round);
    // Up to v5.0 the monolith lets an open result through; from v5.1 it crashes before it gets there.
    if (!crashes && officialForgivesOpen(round, profile, unit)) return;
    const path = accuracyLogPath(unit.path);
    const log = await load(path, mllogParser);
    // A missing or unreadable log is reported by the rules that own the accuracy folder.
    if (!log.ok) return;
    for (const event of log.value.errors) {
      report({ messageId: crashes ? 'errorCrash' : 'error', file: path, line: event.line, data: { message: typeof event.value === 'string' ? event.value : JSON.stringify(event.value), round: round.id } });
    }
  },
});
