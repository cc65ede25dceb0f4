import { measurementsJsonName, measurementsWeightDataTypes } from '../../checkers/inference/measurements.ts';
import { percent, submittedModelPath } from '../../division/submitted-model.ts';
import { undeclaredFormats, type DeclaredValue } from '../../harness/onnx/formats.ts';
import { inspectModelFile } from '../../harness/onnx/inspect.ts';
import { defineRule } from '../rule.ts';

function isDeclaredValue(value: unknown): value is DeclaredValue {
  return typeof value === 'string' || (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((part) => typeof part === 'string'));
}

export default defineRule({
  id: 'div/declared-formats',
  meta: {
    description: "The numerical formats a result declares in weight_data_types name every format that holds at least 1 % of the parameters of the model it submitted.",
    category: 'div',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'inference_rules.adoc §8.1 (quantization to any numerical format, "publicly described at a level where it could be reproduced"); submission_rules.adoc (the measurements JSON declares weight_data_types).',
    messages: {
      undeclared: 'The submitted model {{model}} holds {{formats}} of its parameters in formats that weight_data_types ({{declared}}) in {{measurements}} does not name. Declare every format that holds at least 1 % of the parameters.',
      noModel: 'No submitted ONNX model is configured for this result (submittedModels in the harness configuration), so the formats weight_data_types declares cannot be verified.',
      unreadable: 'The submitted model {{model}} cannot be inspected: {{problem}}.',
    },
    messageSeverities: { noModel: 'info', unreadable: 'warning' },
    rejects: 'scenario',
    // The official checkers only require weight_data_types to be non-empty (meas/json-fields).
    official: false,
    needsHarness: { evidence: 'the ONNX model each result ran (submittedModels)' },
  },
  async check({ unit, index, round, load, harness, report }) {
    if (harness === undefined) return;
    const model = submittedModelPath(harness.config, unit);
    if (model === undefined) {
      report({ messageId: 'noModel' });
      return;
    }
    const inspected = await inspectModelFile(model);
    if (!inspected.ok) {
      report({ messageId: 'unreadable', data: { model, problem: inspected.problem.replace(/\.$/, '') } });
      return;
    }
    const declared = await measurementsWeightDataTypes(load, index, round, unit);
    // A missing or empty declaration is meas/json-fields' finding.
    if (!isDeclaredValue(declared)) return;
    const missing = undeclaredFormats(inspected.profile, declared);
    if (missing.length === 0) return;
    const measurements = `${unit.measurementsPath}/${measurementsJsonName(round, index, unit) ?? 'measurements.json'}`;
    report({
      messageId: 'undeclared',
      file: measurements,
      data: { model, formats: missing.map(({ format, share }) => `${percent(share)} in ${format}`).join(', '), declared: JSON.stringify(declared), measurements },
    });
  },
});
