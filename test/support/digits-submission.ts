import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC } from '../../src/harness/datasets.ts';
import { loadgenLog } from './accuracy-logs.ts';
import { digitsDataset } from './models/digits.ts';

/**
 * Digits submissions around the project's test models (spec harness.md §4.10): the MNIST digits as IDX files, and a
 * result folder whose accuracy log holds what a model answered, honestly or doctored.
 */

export const DIGITS_MODELS = path.resolve(import.meta.dirname, '../../fixtures/harness/digits');
export const DIGITS_SCENARIO = 'closed/Digits/results/cpu-ort/digits/Offline';
/** How many of the digits TEST01's performance-mode log keeps (LoadGen samples about this many). */
const TEST01_RESPONSES = 120;

/** How the logged answers were doctored. */
export type Doctoring =
  | 'none'
  /** Half of the wrong answers replaced with the ground truth: the log scores better than any model did. */
  | 'ground-truth'
  /** Each answer logged under its neighbour's qsl_idx, as if the answers were shuffled. */
  | 'swapped'
  /** Every 50th record deleted. */
  | 'removed'
  /** accuracy.txt states two points more than the log scores. */
  | 'inflated';

/** Writes the digits as MNIST-style IDX files into `dir`, as the harness's `--dataset` reads them. */
export function writeDigitsDataset(dir: string): void {
  const { images, labels } = digitsDataset();
  const imageHeader = Buffer.alloc(16);
  imageHeader.writeUInt32BE(IDX_IMAGES_MAGIC, 0);
  imageHeader.writeUInt32BE(labels.length, 4);
  imageHeader.writeUInt32BE(28, 8);
  imageHeader.writeUInt32BE(28, 12);
  const labelHeader = Buffer.alloc(8);
  labelHeader.writeUInt32BE(IDX_LABELS_MAGIC, 0);
  labelHeader.writeUInt32BE(labels.length, 4);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 't10k-images-idx3-ubyte'), Buffer.concat([imageHeader, images]));
  writeFileSync(path.join(dir, 't10k-labels-idx1-ubyte'), Buffer.concat([labelHeader, labels]));
}

/** What `model` answers for every digit, in qsl_idx order. */
export async function modelAnswers(model: string): Promise<Int32Array> {
  const { images, labels } = digitsDataset();
  const session = await ort.InferenceSession.create(model);
  const input = new Float32Array(images.length);
  for (let pixel = 0; pixel < images.length; pixel++) input[pixel] = (images[pixel] as number) / 255;
  const output = await session.run({ input: new ort.Tensor('float32', input, [labels.length, 1, 28, 28]) }, ['argmax']);
  await session.release();
  return Int32Array.from(output['argmax']?.data as BigInt64Array, Number);
}

function labelHex(label: number): string {
  const bytes = Buffer.alloc(8);
  bytes.writeBigInt64LE(BigInt(label));
  return bytes.toString('hex').toUpperCase();
}

/**
 * A result folder under `root` whose accuracy log holds `answers` (doctored as asked), with accuracy.txt as
 * accuracy-imagenet.py prints it and a TEST01 performance-mode log of some of the same answers.
 */
export function writeDigitsResult(root: string, answers: Int32Array, doctoring: Doctoring): string {
  const { labels } = digitsDataset();
  const logged = Int32Array.from(answers);
  if (doctoring === 'ground-truth') {
    let wrong = 0;
    logged.forEach((answer, index) => {
      if (answer !== labels[index] && wrong++ % 2 === 0) logged[index] = labels[index] as number;
    });
  }
  if (doctoring === 'swapped') logged.forEach((_, index) => (logged[index] = answers[index ^ 1] ?? (answers[index] as number)));
  const kept = Array.from(logged.keys()).filter((index) => doctoring !== 'removed' || index % 50 !== 49);
  const good = kept.filter((index) => logged[index] === labels[index]).length;
  const accuracy = (100 * good) / kept.length + (doctoring === 'inflated' ? 2 : 0);

  const scenario = path.join(root, DIGITS_SCENARIO);
  mkdirSync(path.join(scenario, 'accuracy'), { recursive: true });
  writeFileSync(path.join(scenario, 'accuracy/mlperf_log_accuracy.json'), loadgenLog(kept.map((index, seq) => ({ seq_id: seq, qsl_idx: index, data: labelHex(logged[index] as number) }))));
  writeFileSync(path.join(scenario, 'accuracy/accuracy.txt'), `accuracy=${accuracy.toFixed(3)}%, good=${good}, total=${kept.length}\n`);
  // TEST01 logs honest answers: the doctoring happened to the accuracy log after the runs.
  const test01 = Array.from({ length: TEST01_RESPONSES }, (_, position) => (position * 7919) % labels.length);
  mkdirSync(path.join(scenario, 'TEST01/accuracy'), { recursive: true });
  writeFileSync(path.join(scenario, 'TEST01/accuracy/mlperf_log_accuracy.json'), loadgenLog(test01.map((index, seq) => ({ seq_id: seq * 13, qsl_idx: index, data: labelHex(answers[index] as number) }))));
  return scenario;
}
