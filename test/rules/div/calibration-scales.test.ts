import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataType, decodeModel, rawTensor } from '../../../src/harness/onnx/model-builder.ts';
import rule from '../../../src/rules/div/calibration-scales.ts';
import { writeDigitsDataset } from '../../support/digits-submission.ts';
import { DIGITS, evidence, modelFile, readDigits, WHISPER } from '../../support/division-evidence.ts';
import { digitsCalibrationIndices, digitsDataset } from '../../support/models/digits.ts';
import { testRule } from '../../support/rule-tester.ts';

const folder = mkdtempSync(path.join(tmpdir(), 'mlperf-audit-calibration-scales-'));
const dataset = path.join(folder, 'digits');
writeDigitsDataset(dataset);
const references = { whisper: { model: path.join(DIGITS, 'digits-fp32.onnx'), dataset } };
const int8 = path.join(DIGITS, 'digits-int8.onnx');

/** A calibration list file of dataset indices. */
function list(name: string, indices: readonly number[]): string {
  const file = path.join(folder, name);
  writeFileSync(file, `${indices.join('\n')}\n`);
  return file;
}
// The set the INT8 fixture was calibrated on (fixtures/harness/digits/calibration.txt).
const declaredHonestly = list('calibration.txt', digitsCalibrationIndices());
// 200 images of the digit 1: their pool activations peak 8 % lower than the real calibration set's.
const { labels } = digitsDataset();
const onesOnly = list('ones.txt', Array.from(labels.keys()).filter((index) => labels[index] === 1).slice(0, 200));
// The INT8 fixture with its pool scale four times larger: no MinMax calibration gives that.
const widened = decodeModel(new Uint8Array(readDigits('digits-int8.onnx')));
const poolScale = widened.graph?.initializer?.findIndex((initializer) => initializer.name === 'pool_scale') ?? -1;
const scale = new Float32Array(Uint8Array.from(widened.graph?.initializer?.[poolScale]?.rawData ?? []).buffer)[0] as number;
if (widened.graph?.initializer) widened.graph.initializer[poolScale] = rawTensor('pool_scale', DataType.FLOAT, [], new Uint8Array(new Float32Array([scale * 4]).buffer));
const widenedModel = modelFile('widened-pool.onnx', widened);

const settings = (model: string | undefined, calibration: string | undefined) =>
  evidence({ ...(model !== undefined && { model }), references, ...(calibration !== undefined && { calibrationLists: { whisper: calibration } }) });

testRule(rule, {
  valid: [
    { name: 'the INT8 model with the set it was calibrated on', round: 'v6.0', tree: WHISPER.tree, harness: settings(int8, declaredHonestly) },
    { name: 'without a harness configuration the rule does not run', round: 'v6.0', tree: WHISPER.tree },
  ],
  invalid: [
    {
      name: 'a declared set the scales were not computed on, while they fit the validation data',
      round: 'v6.0',
      tree: WHISPER.tree,
      harness: settings(int8, onesOnly),
      errors: [{ messageId: 'fitsValidation', unit: WHISPER.path, severity: 'error', message: 'pool 1.084 on the declared set' }],
    },
    { name: 'a scale four times what MinMax gives', round: 'v6.0', tree: WHISPER.tree, harness: settings(widenedModel, declaredHonestly), errors: [{ messageId: 'notReproduced', severity: 'warning', message: 'pool 4.000 on the declared set' }] },
    { name: 'an FP32 model has no activation quantizers', round: 'v6.0', tree: WHISPER.tree, harness: settings(references.whisper.model, declaredHonestly), errors: [{ messageId: 'noQuantizers', severity: 'info' }] },
    { name: 'no declared calibration list', round: 'v6.0', tree: WHISPER.tree, harness: settings(int8, undefined), errors: [{ messageId: 'noEvidence', severity: 'info', message: 'the declared calibration list (calibrationLists)' }] },
    { name: 'a list of samples the data set does not have', round: 'v6.0', tree: WHISPER.tree, harness: settings(int8, list('foreign.txt', [])), errors: [{ messageId: 'cannotCompare', severity: 'warning', message: 'names no sample of the data set' }] },
  ],
});
