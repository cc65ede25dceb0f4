import { hasMeasurementsFolder } from '../../checkers/inference/measurements.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'meas/nonempty-files',
  meta: {
    description: 'The required files of a measurements folder (user.conf, README.md, in v4.1 mlperf.conf) are not empty.',
    category: 'meas',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'submission_rules.adoc §5.8 (the LoadGen configuration used and how to reproduce the result).',
    messages: {
      empty: '{{name}} is empty. Put the real content there: the configuration LoadGen read for this run, or for README.md how to reproduce the result.',
    },
    rejects: 'measurements',
    official: {},
  },
  check({ unit, round, index, report }) {
    if (!hasMeasurementsFolder(index, unit)) return;
    for (const name of round.measurements.requiredFiles) {
      const path = `${unit.measurementsPath}/${name}`;
      if (index.fileSize(path) === 0) report({ messageId: 'empty', file: path, data: { name } });
    }
  },
});
