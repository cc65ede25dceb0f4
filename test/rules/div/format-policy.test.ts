import path from 'node:path';
import rule from '../../../src/rules/div/format-policy.ts';
import { testRule } from '../../support/rule-tester.ts';
import { DIGITS, evidence, modelFile, WHISPER } from '../../support/division-evidence.ts';
import { fp8Model } from '../../harness/onnx/format-models.ts';

const int8 = path.join(DIGITS, 'digits-int8.onnx');
const fp8 = modelFile('fp8.onnx', fp8Model());

testRule(rule, {
  valid: [
    { name: 'an honest QDQ-INT8 model under the 2019 list', round: 'v6.0', tree: WHISPER.tree, harness: evidence({ model: int8, formatPolicy: 'mlperf-v0.5' }) },
    { name: 'an FP8 model under the current rules (any format)', round: 'v6.0', tree: WHISPER.tree, harness: evidence({ model: fp8 }) },
  ],
  invalid: [
    {
      name: 'an FP8 model under the 2019 list',
      round: 'v6.0',
      tree: WHISPER.tree,
      harness: evidence({ model: fp8, formatPolicy: 'mlperf-v0.5' }),
      errors: [{ messageId: 'notAllowed', unit: WHISPER.path, severity: 'error', message: 'uses FP8 (' }],
    },
    { name: 'no submitted model configured', round: 'v6.0', tree: WHISPER.tree, harness: evidence({ formatPolicy: 'mlperf-v0.5' }), errors: [{ messageId: 'noModel', severity: 'info', message: '"mlperf-v0.5" policy' }] },
    { name: 'a model file that is not ONNX', round: 'v6.0', tree: WHISPER.tree, harness: evidence({ model: modelFile('garbage.onnx', 'garbage') }), errors: [{ messageId: 'unreadable', severity: 'warning' }] },
    { name: 'a policy file that does not exist', round: 'v6.0', tree: WHISPER.tree, harness: evidence({ model: int8, formatPolicy: '/nonexistent/policy.yaml' }), errors: [{ messageId: 'badPolicy', severity: 'warning', message: 'policy.yaml' }] },
  ],
});
