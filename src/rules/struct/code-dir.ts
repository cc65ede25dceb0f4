import type { RoundData } from '../../rounds/types.ts';
import type { ScenarioUnit } from '../../tree/units.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'struct/code-dir',
  meta: {
    description: 'The code that produced each result is in the submission: code/<benchmark> up to v5.1, src/ from v6.0.',
    category: 'struct',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'submission_rules.adoc §5.6 (the code folder of a submitter) and §5.11 (results must be reproducible from the submitted source); inference_rules.adoc §2.7 (replicability is mandatory).',
    messages: {
      missing: '{{path}} is missing, so the code that produced this result is not part of the submission. Add the code of the implementation there.',
    },
    // Both checkers fail the measurement checks of the result (the monolith records the measurements folder too).
    rejects: 'measurements',
    official: {},
  },
  check({ unit, round, index, report }) {
    const path = codePath(round, unit);
    if (!index.exists(path)) report({ messageId: 'missing', file: path, data: { path } });
  },
});

/** Up to v5.1 `code/<benchmark>` may also be a file naming the folder that holds the code; either way it must exist. */
function codePath(round: RoundData, unit: ScenarioUnit): string {
  const submitterPath = `${unit.division}/${unit.submitter}`;
  return round.codeDirectory === 'code' ? `${submitterPath}/code/${unit.benchmark}` : `${submitterPath}/src`;
}
