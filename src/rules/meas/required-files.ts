import { hasMeasurementsFolder, isEndpointsResult } from '../../checkers/inference/measurements.ts';
import { defineRule } from '../rule.ts';

/** What each required file is, for the message that asks for it. */
const PURPOSES: Readonly<Record<string, string>> = {
  'user.conf': 'the user.conf LoadGen read for this run',
  'mlperf.conf': 'the mlperf.conf of the round that LoadGen read for this run',
  'README.md': 'a README.md that says how to reproduce the result',
};

export default defineRule({
  id: 'meas/required-files',
  meta: {
    description: "Each result's measurements folder holds user.conf and README.md (and in v4.1 mlperf.conf).",
    category: 'meas',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'submission_rules.adoc §5.6.3 (layout of the measurements folder) and §5.8 (the LoadGen configuration and the README of each result).',
    messages: {
      missing: '{{name}} is missing from the measurements folder. Add {{purpose}}.',
    },
    // The monolith records the measurements folder as failed; the modular checker fails MeasurementsCheck.
    rejects: 'measurements',
    official: {},
  },
  check({ unit, round, index, report }) {
    if (!hasMeasurementsFolder(index, unit)) return;
    const present = new Set(index.fileNames(unit.measurementsPath));
    for (const name of round.measurements.requiredFiles) {
      if (present.has(name)) continue;
      // Endpoints results are configured by config.yaml, not by LoadGen's user.conf.
      if (name === 'user.conf' && isEndpointsResult(round, index, unit)) continue;
      report({ messageId: 'missing', file: unit.measurementsPath, data: { name, purpose: PURPOSES[name] ?? name } });
    }
  },
});
