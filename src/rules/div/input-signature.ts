import { modelAndReference } from '../../division/submitted-model.ts';
import { inspectModelFile, type GraphValue } from '../../harness/onnx/inspect.ts';
import { defineRule } from '../rule.ts';

function describeShape(value: GraphValue): string {
  return value.shape === null ? 'of unknown rank' : `[${value.shape.map((dim) => dim ?? '?').join(', ')}]`;
}

/** The fixed sizes of a shape, largest first: transposition-free, so NCHW and NHWC compare equal. */
function fixedSizes(value: GraphValue): number[] {
  return (value.shape ?? []).filter((dim): dim is number => typeof dim === 'number').sort((a, b) => b - a);
}

/**
 * Whether the submitted input is the reference input up to the changes the rules allow: transposition (any order of
 * the same sizes) and padding (each size at least the reference's). The data type may differ: converting among
 * numerical formats is allowed.
 */
function fits(submitted: GraphValue, reference: GraphValue): boolean {
  if (submitted.shape === null || reference.shape === null) return true;
  if (submitted.shape.length !== reference.shape.length) return false;
  const submittedSizes = fixedSizes(submitted);
  const referenceSizes = fixedSizes(reference);
  return submittedSizes.length === referenceSizes.length && referenceSizes.every((size, position) => (submittedSizes[position] as number) >= size);
}

export default defineRule({
  id: 'div/input-signature',
  meta: {
    description: "The inputs of the model a closed or network result submitted are the reference model's, up to transposition, padding and numerical format: the preprocessing feeds the same tensor.",
    category: 'div',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText:
      'inference_rules.adoc §6.1 (closed: "pre-processing, post-processing, and model that is equivalent to the reference"), §7.1 (allowed untimed preprocessing: "May reorder channels / do arbitrary transpositions", "May pad to arbitrary size", "May convert data among numerical formats"); §6.3 (open: arbitrary preprocessing).',
    messages: {
      inputCount: 'The submitted model {{model}} has {{submitted}} inputs ({{submittedNames}}), the reference model {{reference}} ({{referenceNames}}): the closed division feeds the reference inputs. Submit the model the results were measured with, or move the result to the open division.',
      shape: 'Input {{input}} of the submitted model {{model}} is {{submittedShape}}, the reference model\'s {{referenceName}} is {{referenceShape}}: beyond the transpositions and padding the closed division allows, the preprocessing feeds another tensor (another resolution or sequence length). Use the reference preprocessing, or move the result to the open division.',
      openDifference: 'The submitted model {{model}} takes other inputs than the reference model ({{difference}}); the open division allows other preprocessing, the closed division would not.',
      noModel: 'No submitted ONNX model is configured for this result (submittedModels in the harness configuration), so its inputs cannot be compared with the reference model\'s.',
      noReference: 'The harness configuration names no reference model for {{benchmark}}, so the submitted model\'s inputs cannot be compared with it. Add references.{{benchmark}}.model.',
      unreadable: 'The model {{model}} cannot be inspected: {{problem}}.',
    },
    messageSeverities: { openDifference: 'info', noModel: 'info', noReference: 'info', unreadable: 'warning' },
    rejects: 'scenario',
    // No official tool sees the model.
    official: false,
    needsHarness: { evidence: 'the ONNX model each result ran (submittedModels) and the reference model (references.<benchmark>.model)' },
  },
  async check({ unit, harness, report }) {
    if (harness === undefined) return;
    const pair = modelAndReference(harness.config, unit, report);
    if (pair === undefined) return;
    const { model, reference } = pair;
    const [submitted, expected] = await Promise.all([inspectModelFile(model), inspectModelFile(reference)]);
    for (const [file, result] of [[model, submitted], [reference, expected]] as const) {
      if (!result.ok) {
        report({ messageId: 'unreadable', data: { model: file, problem: result.problem.replace(/\.$/, '') } });
        return;
      }
    }
    if (!submitted.ok || !expected.ok) return;
    const submittedInputs = submitted.profile.inputs;
    const referenceInputs = expected.profile.inputs;
    const names = (values: readonly GraphValue[]): string => values.map((value) => value.name).join(', ');
    const open = unit.division === 'open';
    if (submittedInputs.length !== referenceInputs.length) {
      if (open) report({ messageId: 'openDifference', data: { model, difference: `${submittedInputs.length} inputs instead of ${referenceInputs.length}` } });
      else report({ messageId: 'inputCount', data: { model, reference, submitted: submittedInputs.length, submittedNames: names(submittedInputs), referenceNames: names(referenceInputs) } });
      return;
    }
    referenceInputs.forEach((referenceInput, position) => {
      const input = submittedInputs.find((candidate) => candidate.name === referenceInput.name) ?? (submittedInputs[position] as GraphValue);
      if (fits(input, referenceInput)) return;
      const data = { model, input: input.name, submittedShape: describeShape(input), referenceName: referenceInput.name, referenceShape: describeShape(referenceInput) };
      if (open) report({ messageId: 'openDifference', data: { model, difference: `${input.name} ${data.submittedShape} for ${referenceInput.name} ${data.referenceShape}` } });
      else report({ messageId: 'shape', data });
    });
  },
});
