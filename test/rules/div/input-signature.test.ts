import path from 'node:path';
import { buildModel, DataType, node, valueInfo, type Dim } from '../../../src/harness/onnx/model-builder.ts';
import rule from '../../../src/rules/div/input-signature.ts';
import type { MemoryNode } from '../../../src/tree/memory-fs.ts';
import { DIGITS, evidence, modelFile, WHISPER } from '../../support/division-evidence.ts';
import { testRule } from '../../support/rule-tester.ts';

// The digits reference takes `input` float32 [N, 1, 28, 28].
const references = { whisper: { model: path.join(DIGITS, 'digits-fp32.onnx'), dataset: DIGITS } };

/** A model that passes its inputs through: only the signature matters here. */
function passThrough(name: string, inputs: readonly { name: string; type: number; shape: readonly Dim[] }[]): string {
  return modelFile(
    name,
    buildModel({
      opset: 13,
      graph: {
        name,
        nodes: inputs.map((input) => node('Identity', [input.name], [`${input.name}_out`])),
        initializers: [],
        inputs: inputs.map((input) => valueInfo(input.name, input.type, input.shape)),
        outputs: inputs.map((input) => valueInfo(`${input.name}_out`, input.type, input.shape)),
      },
    }),
  );
}

const nhwcFp16 = passThrough('nhwc-fp16.onnx', [{ name: 'input', type: DataType.FLOAT16, shape: ['N', 28, 28, 1] }]);
const padded = passThrough('padded.onnx', [{ name: 'input', type: DataType.FLOAT, shape: ['N', 1, 32, 32] }]);
const smaller = passThrough('smaller.onnx', [{ name: 'input', type: DataType.FLOAT, shape: ['N', 1, 24, 24] }]);
const twoInputs = passThrough('two-inputs.onnx', [
  { name: 'input', type: DataType.FLOAT, shape: ['N', 1, 28, 28] },
  { name: 'mask', type: DataType.FLOAT, shape: ['N', 1, 28, 28] },
]);
const openTree: Record<string, MemoryNode> = Object.fromEntries(Object.entries(WHISPER.tree).map(([file, content]) => [file.replace(/^closed\//, 'open/'), content]));

testRule(rule, {
  valid: [
    { name: 'the reference model itself', round: 'v6.0', tree: WHISPER.tree, harness: evidence({ model: references.whisper.model, references }) },
    { name: 'NHWC and FP16: a transposition and a numerical format', round: 'v6.0', tree: WHISPER.tree, harness: evidence({ model: nhwcFp16, references }) },
    { name: 'padded to 32×32', round: 'v6.0', tree: WHISPER.tree, harness: evidence({ model: padded, references }) },
  ],
  invalid: [
    {
      name: 'a smaller input: another resolution',
      round: 'v6.0',
      tree: WHISPER.tree,
      harness: evidence({ model: smaller, references }),
      errors: [{ messageId: 'shape', unit: WHISPER.path, severity: 'error', message: 'Input input of the submitted model' }],
    },
    { name: 'an extra input', round: 'v6.0', tree: WHISPER.tree, harness: evidence({ model: twoInputs, references }), errors: [{ messageId: 'inputCount', severity: 'error', message: 'has 2 inputs (input, mask)' }] },
    { name: 'another resolution in the open division: information', round: 'v6.0', tree: openTree, harness: evidence({ model: smaller, references }), errors: [{ messageId: 'openDifference', severity: 'info', message: 'input [N, 1, 24, 24] for input [N, 1, 28, 28]' }] },
    { name: 'no submitted model configured', round: 'v6.0', tree: WHISPER.tree, harness: evidence({ references }), errors: [{ messageId: 'noModel', severity: 'info' }] },
    { name: 'no reference model configured', round: 'v6.0', tree: WHISPER.tree, harness: evidence({ model: smaller }), errors: [{ messageId: 'noReference', severity: 'info' }] },
    { name: 'a submitted model that is not ONNX', round: 'v6.0', tree: WHISPER.tree, harness: evidence({ model: modelFile('text.onnx', 'text'), references }), errors: [{ messageId: 'unreadable', severity: 'warning', message: 'text.onnx' }] },
  ],
});
