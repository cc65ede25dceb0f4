import path from 'node:path';
import rule from '../../../src/rules/div/declared-formats.ts';
import { testRule } from '../../support/rule-tester.ts';
import { declaring, DIGITS, evidence, MEASUREMENTS, modelFile, WHISPER } from '../../support/division-evidence.ts';

const int8 = path.join(DIGITS, 'digits-int8.onnx');

testRule(rule, {
  valid: [
    { name: 'an INT8 model declared int8', round: 'v6.0', tree: declaring('int8'), harness: evidence({ model: int8 }) },
    { name: 'an FP32 model declared as such', round: 'v6.0', tree: declaring('fp32'), harness: evidence({ model: path.join(DIGITS, 'digits-fp32.onnx') }) },
    { name: 'without a harness configuration the rule does not run', round: 'v6.0', tree: WHISPER.tree },
  ],
  invalid: [
    {
      name: 'an INT8 model declared bfloat16',
      round: 'v6.0',
      tree: WHISPER.tree,
      harness: evidence({ model: int8 }),
      errors: [{ messageId: 'undeclared', file: MEASUREMENTS, unit: WHISPER.path, severity: 'error', message: 'holds 99.89 % in INT8 of its parameters in formats that weight_data_types ("bfloat16")' }],
    },
    { name: 'no submitted model configured', round: 'v6.0', tree: WHISPER.tree, harness: evidence({}), errors: [{ messageId: 'noModel', severity: 'info' }] },
    {
      name: 'a submitted model that is not ONNX',
      round: 'v6.0',
      tree: WHISPER.tree,
      harness: evidence({ model: modelFile('not-a-model.onnx', 'hello') }),
      errors: [{ messageId: 'unreadable', severity: 'warning', message: 'not-a-model.onnx cannot be inspected' }],
    },
  ],
});
