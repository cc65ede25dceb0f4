import { measurementsJsonName } from '../../checkers/inference/measurements.ts';
import { jsonObjectParser } from '../../parsers/json-object.ts';
import { defineRule } from '../rule.ts';

/** `retraining` answers that say yes: the field is free text ("No", "none", "We don't retrain the model weight."). */
const RETRAINED = /^\s*(yes|true|y)\b/i;
/** Weight transformations the closed division forbids (§8.2): pruning, and any training of the weights. */
const FORBIDDEN_TRANSFORMATION = /prun|distill|retrain|fine-?tun/i;

export default defineRule({
  id: 'div/declared-transformations',
  meta: {
    description: 'A closed or network result does not declare retraining, pruning or other training of the reference weights in its measurements JSON (retraining, weight_transformations); in open they are allowed and noted.',
    category: 'div',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText:
      'inference_rules.adoc §6.1 ("The closed division allows calibration for quantization and does not allow any retraining"), §8.2 (disallowed: "Discarding non-zero weight elements, including pruning"), §6.3 and §4.1.2 (open: retraining and sparsification allowed).',
    messages: {
      closedRetraining: '{{file}} declares {{field}} "{{value}}": the {{division}} division allows no retraining or pruning of the reference weights, only quantization. Submit the result in the open division, or correct the declaration if the weights were only quantized.',
      openTransformation: '{{file}} declares {{field}} "{{value}}", which the open division allows and the closed division would not.',
    },
    messageSeverities: { openTransformation: 'info' },
    rejects: 'scenario',
    // The official checkers only require these fields to be non-empty (meas/json-fields).
    official: false,
  },
  async check({ unit, index, round, load, report }) {
    const name = measurementsJsonName(round, index, unit);
    if (name === undefined) return;
    const file = `${unit.measurementsPath}/${name}`;
    const measurements = await load(file, jsonObjectParser);
    if (!measurements.ok) return;
    const { json } = measurements.value;
    const declared = [
      { field: 'retraining', value: json['retraining'], forbidden: RETRAINED },
      { field: 'weight_transformations', value: json['weight_transformations'], forbidden: FORBIDDEN_TRANSFORMATION },
    ];
    for (const { field, value, forbidden } of declared) {
      if (typeof value !== 'string' || !forbidden.test(value)) continue;
      const data = { file: name, field, value, division: unit.division };
      report({ messageId: unit.division === 'open' ? 'openTransformation' : 'closedRetraining', file, data });
    }
  },
});
