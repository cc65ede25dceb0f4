import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { decodeImage, preprocessResnet50 } from '../../../src/harness/preprocess/resnet50.ts';
import rule from '../../../src/rules/div/preprocessing.ts';
import type { MemoryNode } from '../../../src/tree/memory-fs.ts';
import { evidence, WHISPER } from '../../support/division-evidence.ts';
import { mulberry32 } from '../../support/models/random.ts';
import { testRule } from '../../support/rule-tester.ts';

// An ImageNet-style folder of 6 generated JPEGs, and folders of .npy tensors made from them.
const root = mkdtempSync(path.join(tmpdir(), 'mlperf-audit-preprocessing-'));
const dataset = path.join(root, 'imagenet');
mkdirSync(dataset);
const random = mulberry32(5);
const images: string[] = [];
const references: Float32Array[] = [];
for (let image = 0; image < 6; image++) {
  const [width, height] = [300 + image * 20, 260];
  const pixels = Buffer.from(Array.from({ length: width * height * 3 }, (_, position) => (position % 251) ^ Math.floor(random() * 64)));
  const name = `ILSVRC2012_val_${String(image + 1).padStart(8, '0')}.JPEG`;
  const jpeg = await sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
  writeFileSync(path.join(dataset, name), jpeg);
  images.push(name);
  const decoded = await decodeImage(jpeg);
  if (!decoded.ok) throw new Error(decoded.problem);
  references.push(preprocessResnet50(decoded.value));
}
writeFileSync(path.join(dataset, 'val_map.txt'), images.map((name, index) => `${name} ${index}`).join('\n'));

/** A .npy file (version 1.0, C order) of float32 values. */
function npy(values: Float32Array, shape: readonly number[]): Buffer {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
  const preamble = Buffer.alloc(10);
  preamble.write('\x93NUMPY', 0, 'latin1');
  preamble[6] = 1;
  preamble.writeUInt16LE(header.length, 8);
  return Buffer.concat([preamble, Buffer.from(header, 'latin1'), Buffer.from(values.buffer, values.byteOffset, values.byteLength)]);
}

/** A folder with each image's tensor passed through `edit`, named after its image file. */
function tensorFolder(name: string, edit: (values: Float32Array) => Float32Array = (values) => values, layout: 'NCHW' | 'NHWC' = 'NCHW'): string {
  const dir = path.join(root, name);
  mkdirSync(dir);
  references.forEach((reference, index) => {
    const values = edit(Float32Array.from(reference));
    const stored = layout === 'NCHW' ? values : toNhwc(values);
    writeFileSync(path.join(dir, `${images[index]}.npy`), npy(stored, layout === 'NCHW' ? [1, 3, 224, 224] : [224, 224, 3]));
  });
  return dir;
}

function toNhwc(values: Float32Array): Float32Array {
  const nhwc = new Float32Array(values.length);
  for (let channel = 0; channel < 3; channel++) for (let pixel = 0; pixel < 224 * 224; pixel++) nhwc[pixel * 3 + channel] = values[channel * 224 * 224 + pixel] as number;
  return nhwc;
}

const references_ = { whisper: { model: path.join(root, 'unused.onnx'), dataset } };
const config = (dir: string, layout?: 'NCHW' | 'NHWC') => evidence({ references: references_, submittedTensors: { whisper: { dir, ...(layout && { layout }) } } });
const exact = tensorFolder('exact');
const nhwc = tensorFolder('nhwc', undefined, 'NHWC');
const shifted = tensorFolder('shifted', (values) => values.map((value) => value + 0.2));
const otherPipeline = tensorFolder('other-pipeline', (values) => values.map((value, position) => value + (position % 7) - 3));
const withBroken = tensorFolder('with-broken');
writeFileSync(path.join(withBroken, `${images[0]}.npy`), 'not an array');
const openTree: Record<string, MemoryNode> = Object.fromEntries(Object.entries(WHISPER.tree).map(([file, content]) => [file.replace(/^closed\//, 'open/'), content]));

testRule(rule, {
  valid: [
    { name: 'the reference preprocessing itself (NCHW, batch of 1)', round: 'v6.0', tree: WHISPER.tree, harness: config(exact) },
    { name: 'the same tensors stored NHWC', round: 'v6.0', tree: WHISPER.tree, harness: config(nhwc, 'NHWC') },
  ],
  invalid: [
    {
      name: 'another pipeline: every value off by up to 3 grey levels',
      round: 'v6.0',
      tree: WHISPER.tree,
      harness: config(otherPipeline),
      errors: [{ messageId: 'differs', unit: WHISPER.path, severity: 'error', message: '6 of 6 sampled tensors' }],
    },
    { name: 'every value 0.2 off: more than rounding', round: 'v6.0', tree: WHISPER.tree, harness: config(shifted), errors: [{ messageId: 'differsSlightly', severity: 'warning', message: 'mean |Δ| 0.200' }] },
    { name: 'another pipeline in the open division: information', round: 'v6.0', tree: openTree, harness: config(otherPipeline), errors: [{ messageId: 'openDifference', severity: 'info' }] },
    { name: 'a file that is not an array', round: 'v6.0', tree: WHISPER.tree, harness: config(withBroken), errors: [{ messageId: 'unreadableTensor', severity: 'warning', message: 'is not a NumPy .npy file' }] },
    { name: 'tensors declared NCHW but stored NHWC', round: 'v6.0', tree: WHISPER.tree, harness: config(nhwc), errors: [{ messageId: 'unreadableTensor', message: 'has shape (224, 224, 3)' }] },
    { name: 'no tensors configured', round: 'v6.0', tree: WHISPER.tree, harness: evidence({ references: references_ }), errors: [{ messageId: 'noTensors', severity: 'info' }] },
    { name: 'a tensor folder that does not exist', round: 'v6.0', tree: WHISPER.tree, harness: config(path.join(root, 'missing')), errors: [{ messageId: 'cannotCompare', severity: 'warning', message: 'missing is not a readable folder' }] },
  ],
});
