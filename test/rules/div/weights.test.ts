import path from 'node:path';
import rule from '../../../src/rules/div/weights.ts';
import type { MemoryNode } from '../../../src/tree/memory-fs.ts';
import { testRule } from '../../support/rule-tester.ts';
import { DIGITS, everyNthZeroed, evidence, modelFile, randomValues, WHISPER, withEditedWeights } from '../../support/division-evidence.ts';

const reference = path.join(DIGITS, 'digits-fp32.onnx');
const references = { whisper: { model: reference, dataset: DIGITS } };
const int8 = path.join(DIGITS, 'digits-int8.onnx');
const replaced = modelFile('replaced.onnx', withEditedWeights('gemm_weight', randomValues));
const pruned = modelFile('pruned.onnx', withEditedWeights('conv_weight', everyNthZeroed(3)));
// gemm_weight is [10, 1568]: the same values as [1568, 10].
const reshaped = modelFile('reshaped.onnx', withEditedWeights('gemm_weight', (values) => values, [1568, 10]));
const withoutBias = modelFile('without-bias.onnx', withEditedWeights('conv_bias', () => undefined));
// The same result in the open division, where a changed model is allowed.
const openTree: Record<string, MemoryNode> = Object.fromEntries(Object.entries(WHISPER.tree).map(([file, content]) => [file.replace(/^closed\//, 'open/'), content]));

testRule(rule, {
  valid: [
    { name: 'the QDQ-INT8 quantization of the reference weights', round: 'v6.0', tree: WHISPER.tree, harness: evidence({ model: int8, references }) },
    { name: 'the FP16 storage of the reference weights', round: 'v6.0', tree: WHISPER.tree, harness: evidence({ model: path.join(DIGITS, 'digits-fp16.onnx'), references }) },
  ],
  invalid: [
    {
      name: 'a weight tensor replaced by random values',
      round: 'v6.0',
      tree: WHISPER.tree,
      harness: evidence({ model: replaced, references }),
      errors: [{ messageId: 'replaced', unit: WHISPER.path, severity: 'error', message: '1 weight tensors of the submitted model' }],
    },
    { name: 'a third of the conv weights set to zero', round: 'v6.0', tree: WHISPER.tree, harness: evidence({ model: pruned, references }), errors: [{ messageId: 'pruned', severity: 'error', message: 'conv_weight' }] },
    { name: 'a weight tensor of another shape', round: 'v6.0', tree: WHISPER.tree, harness: evidence({ model: reshaped, references }), errors: [{ messageId: 'reshaped', severity: 'error', message: 'gemm_weight' }] },
    { name: 'a reference tensor missing from the submitted model', round: 'v6.0', tree: WHISPER.tree, harness: evidence({ model: withoutBias, references }), errors: [{ messageId: 'unmatched', severity: 'warning', message: 'conv_bias' }] },
    { name: 'replaced weights in the open division: information only', round: 'v6.0', tree: openTree, harness: evidence({ model: replaced, references }), errors: [{ messageId: 'openChanges', severity: 'info', message: '1 replaced, 0 pruned, 0 reshaped' }] },
    { name: 'no submitted model configured', round: 'v6.0', tree: WHISPER.tree, harness: evidence({ references }), errors: [{ messageId: 'noModel', severity: 'info' }] },
    { name: 'no reference model configured', round: 'v6.0', tree: WHISPER.tree, harness: evidence({ model: int8 }), errors: [{ messageId: 'noReference', severity: 'info', message: 'for whisper' }] },
    { name: 'a submitted model that cannot be read', round: 'v6.0', tree: WHISPER.tree, harness: evidence({ model: '/nonexistent/model.onnx', references }), errors: [{ messageId: 'cannotCompare', severity: 'warning', message: 'cannot be read (ENOENT)' }] },
  ],
});
