import { hasMeasurementsFolder, MEASUREMENTS_JSON, measurementsJsonName, POLICY_MEASUREMENTS_JSON } from '../../checkers/inference/measurements.ts';
import type { RoundData } from '../../rounds/types.ts';
import type { ScenarioUnit } from '../../tree/units.ts';
import { defineRule } from '../rule.ts';

/** The policies also allow `model-info_<implementation>.json`. */
const POLICY_NAME_STEM = POLICY_MEASUREMENTS_JSON.slice(0, -'.json'.length);

export default defineRule({
  id: 'meas/json-exists',
  meta: {
    description: 'Each result has its measurements JSON: <system>_<implementation>_<scenario>.json up to v5.1, measurements.json from v6.0.',
    category: 'meas',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'submission_rules.adoc §5.8 (the JSON describing the implementation: starting weights, weight transformations, data types, retraining).',
    messages: {
      missing: `The measurements JSON describing the implementation is missing: the checker looks for {{expected}}. Add it (the name ${POLICY_MEASUREMENTS_JSON} that submission_rules.adoc uses is not accepted by the official checkers).`,
      misnamed: 'The measurements JSON is named {{found}}, which the official checker does not accept: it looks for {{expected}}. Rename the file.',
    },
    rejects: 'measurements',
    official: {},
  },
  check({ unit, round, index, report }) {
    if (!hasMeasurementsFolder(index, unit) || measurementsJsonName(round, index, unit) !== undefined) return;
    const expected = expectedName(round, unit);
    const found = index.fileNames(unit.measurementsPath).find((name) => looksLikeMeasurementsJson(name, unit));
    if (found === undefined) report({ messageId: 'missing', file: unit.measurementsPath, data: { expected } });
    else report({ messageId: 'misnamed', file: `${unit.measurementsPath}/${found}`, data: { found, expected } });
  },
});

function expectedName(round: RoundData, unit: ScenarioUnit): string {
  if (round.layout === 'unified') return MEASUREMENTS_JSON;
  return `a file whose name starts with the system name and ends with ".json", such as ${unit.system}_<implementation>_${unit.scenario}.json`;
}

/** A file meant as the measurements JSON under a name the checker misses: wrong case, or the policy's name. */
function looksLikeMeasurementsJson(name: string, unit: ScenarioUnit): boolean {
  const lower = name.toLowerCase();
  if (!lower.endsWith('.json')) return false;
  return lower === MEASUREMENTS_JSON || lower.startsWith(POLICY_NAME_STEM) || lower.startsWith(unit.system.toLowerCase());
}
