import { hasMeasurementsFolder, hasPowerMeasurements, powerMeasurementFolders } from '../../checkers/inference/measurements.ts';
import { defineRule } from '../rule.ts';

/** The monolith's REQUIRED_POWER_MEASURE_FILES, applied with Python's re.match to file names. */
const POWER_FILES = [
  { pattern: /^analyzer_table/, name: 'analyzer_table.*', what: 'the table of the power analyzer(s) used' },
  { pattern: /^power_settings/, name: 'power_settings.*', what: 'the power settings of the system under test' },
];

export default defineRule({
  id: 'meas/power-files',
  meta: {
    description: 'A power result is documented by non-empty analyzer_table.* and power_settings.* files in its measurements folder or up to three folders above.',
    category: 'meas',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'submission_rules.adoc §5.6.3 (the measurements of a power submission) and power_measurement.adoc (the analyzer and the power settings of the system must be disclosed).',
    messages: {
      missing: 'No {{name}} file documents this power result. Add {{what}} (e.g. {{example}}) to the measurements folder, or to a folder above it (benchmark, system or the measurements root) to share it between results.',
      empty: '{{found}} is empty. Describe {{what}} in it.',
    },
    rejects: 'measurements',
    // The modular checker (v6.0+) parses the skip flag but never checks these files.
    official: { rounds: { until: 'v5.1' } },
  },
  check({ unit, index, profile, report }) {
    if (!hasPowerMeasurements(index, unit) || !hasMeasurementsFolder(index, unit)) return;
    const folders = powerMeasurementFolders(unit);
    for (const { pattern, name, what } of POWER_FILES) {
      const matches = folders.flatMap((folder) => index.fileNames(folder).filter((file) => pattern.test(file)).map((file) => `${folder}/${file}`));
      if (matches.length === 0) {
        report({ messageId: 'missing', file: unit.measurementsPath, data: { name, what, example: name.replace('*', 'md') } });
        continue;
      }
      // The monolith keeps the last match of its search (the furthest folder) and checks only that one's size; the
      // recommended profile checks the nearest, the file that documents this result.
      const decisive = (profile === 'official' ? matches.at(-1) : matches[0]) as string;
      if (index.fileSize(decisive) === 0) report({ messageId: 'empty', file: decisive, data: { found: decisive.slice(decisive.lastIndexOf('/') + 1), what } });
    }
  },
});
