import { hasMeasurementsFolder, measurementsJsonName } from '../../checkers/inference/measurements.ts';
import { jsonText } from '../../checkers/inference/system-fields.ts';
import { jsonObjectParser } from '../../parsers/json-object.ts';
import { defineRule } from '../rule.ts';

/** What each field records, for the message that asks for it (submission_rules.adoc §5.8). */
const PURPOSES: Readonly<Record<string, string>> = {
  input_data_types: 'the data type(s) of the model inputs, e.g. "int8"',
  retraining: 'whether the weights were retrained, e.g. "No"',
  starting_weights_filename: 'the reference weights the implementation started from',
  weight_data_types: 'the data type(s) of the weights, e.g. "fp8"',
  weight_transformations: 'what was done to the weights, e.g. "quantization" or "none"',
};

/** Python-falsy JSON values: what the official emptiness check rejects. */
function isPythonFalsy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  if (value !== null && typeof value === 'object') return Object.keys(value).length === 0;
  return value === '' || value === null || value === 0 || value === false;
}

export default defineRule({
  id: 'meas/json-fields',
  meta: {
    description: 'The measurements JSON is a JSON object with the five implementation fields, each with a non-empty value.',
    category: 'meas',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'submission_rules.adoc §5.8 (starting weights file, weight transformations, weight and input data types, retraining) and §5.11 (how the weights were obtained must be disclosed).',
    messages: {
      unreadable: 'The measurements JSON {{problem}}, so its fields cannot be read (the official checkers stop with an exception). Write it as one JSON object with the fields {{fields}}.',
      missing: 'Field "{{field}}" is missing from the measurements JSON. Add it: {{purpose}}.',
      empty: 'Field "{{field}}" is {{value}}, which the official checker reads as empty (Python treats it as false) and rejects. Fill it in: {{purpose}}.',
    },
    rejects: 'measurements',
    official: {},
  },
  async check({ unit, round, index, load, report }) {
    if (!hasMeasurementsFolder(index, unit)) return;
    const name = measurementsJsonName(round, index, unit);
    // A missing JSON is meas/json-exists's finding.
    if (name === undefined) return;
    const file = `${unit.measurementsPath}/${name}`;
    const fields = round.measurements.jsonFields;
    const document = await load(file, jsonObjectParser);
    if (!document.ok) {
      for (const { message, line, column } of document.problems) {
        report({ messageId: 'unreadable', file, ...(line !== undefined && { line }), ...(column !== undefined && { column }), data: { problem: message, fields: fields.join(', ') } });
      }
      return;
    }
    const { json, positionOf } = document.value;
    for (const field of fields) {
      const purpose = PURPOSES[field] ?? 'describe the implementation';
      if (!Object.hasOwn(json, field)) report({ messageId: 'missing', file, ...positionOf(field), data: { field, purpose } });
      else if (isPythonFalsy(json[field])) report({ messageId: 'empty', file, ...positionOf(field), data: { field, purpose, value: jsonText(json[field]) } });
    }
  },
});
