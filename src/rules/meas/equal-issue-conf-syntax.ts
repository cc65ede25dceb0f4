import { equalIssueFromConf, hasMeasurementsFolder, measurementsJsonName } from '../../checkers/inference/measurements.ts';
import type { RoundData } from '../../rounds/types.ts';
import type { ScenarioUnit } from '../../tree/units.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'meas/equal-issue-conf-syntax',
  meta: {
    description: 'In v4.1, the v4.1 checker can split every line of mlperf.conf and user.conf of a benchmark it checks for equal-issue mode.',
    category: 'meas',
    scope: 'scenario',
    // Not a rule violation, but the v4.1 checker stops on it: worth a warning to anyone who runs it.
    severity: 'warning',
    divisions: ['closed', 'network'],
    rounds: { until: 'v4.1' },
    ruleText: 'submission_rules.adoc §5.8 (mlperf.conf and user.conf are part of the measurements); the v4.1 checker reads sample_concatenate_permutation from them.',
    messages: {
      crash: 'The v4.1 checker cannot split this line ("{{text}}") into "<model>.<scenario>.<setting>=<value>" (one "=", two dots in the key) and stops with an exception, so nothing after it gets checked. Write it as "<model>.<scenario>.<setting> = <value>", or as a comment starting with "#" and no tab before it, or remove it.',
    },
    // The run crashes inside check_measurement_dir; the official profile rejects the affected result only.
    rejects: 'measurements',
    official: { rounds: { until: 'v4.1' }, severity: 'error' },
  },
  async check({ unit, round, index, load, report }) {
    if (!readsEqualIssueFromConf(round, unit) || !hasMeasurementsFolder(index, unit)) return;
    // The monolith parses the conf files only after it found the measurements JSON.
    if (measurementsJsonName(round, index, unit) === undefined) return;
    const conf = await equalIssueFromConf(load, unit);
    if (conf.crashed) report({ messageId: 'crash', file: conf.file, line: conf.line, data: { text: conf.text.trim() } });
  },
});

/** The v4.1 monolith reads the conf files for the benchmark folders its equal-issue list names, in its divisions. */
function readsEqualIssueFromConf(round: RoundData, unit: ScenarioUnit): boolean {
  const policy = round.equalIssue;
  if (policy?.officialSource !== 'conf' || !policy.divisions.includes(unit.division)) return false;
  const models = policy.officialModels ?? Object.keys(round.models).filter((model) => round.models[model]?.equalIssue === true);
  // It tests the benchmark folder name itself, not the model it maps to.
  return models.includes(unit.benchmark);
}
