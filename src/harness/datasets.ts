import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ModelResult } from './model-runner.ts';
import { decodeImage, preprocessResnet50 } from './preprocess/resnet50.ts';

/**
 * A validation set as the harness reads it: sample `i` is the one LoadGen calls `qsl_idx` i, already preprocessed
 * the way the reference implementation feeds the model.
 */
export interface HarnessDataset {
  /** What was opened, for reports: `ImageNet folder /data/imagenet (50000 images, val_map.txt)`. */
  readonly description: string;
  readonly size: number;
  /** The shape of one preprocessed sample, without the batch dimension. */
  readonly sampleShape: readonly number[];
  /** The ground-truth label of a sample. */
  label(index: number): number | undefined;
  /** How a sample is named where it comes from a file (the image file of val_map.txt). */
  fileName(index: number): string | undefined;
  /**
   * Writes the preprocessed samples `indices` one after the other into `batch` (a whole batch at a time: no
   * per-sample allocation or promise), and returns, per index, why it could not be read (undefined when it was).
   */
  fill(indices: readonly number[], batch: Float32Array): Promise<readonly (string | undefined)[]>;
}

export type DatasetKind = 'imagenet' | 'idx';
export const DATASET_KINDS: readonly DatasetKind[] = ['imagenet', 'idx'];

const VAL_MAP = 'val_map.txt';
const IDX_IMAGES = /images-idx3-ubyte$/;
const IDX_LABELS = /labels-idx1-ubyte$/;

/** Opens a dataset folder: an ImageNet-style folder with `val_map.txt`, or MNIST-style IDX files. */
export async function openDataset(dir: string, kind?: DatasetKind): Promise<ModelResult<HarnessDataset>> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return { ok: false, problem: `${dir} is not a readable folder; --dataset takes the folder of the validation set` };
  }
  const detected = kind ?? (names.includes(VAL_MAP) ? 'imagenet' : names.some((name) => IDX_IMAGES.test(name)) ? 'idx' : undefined);
  if (detected === 'imagenet') return openImageFolder(dir, names);
  if (detected === 'idx') return openIdx(dir, names);
  return { ok: false, problem: `${dir} holds neither ${VAL_MAP} (an ImageNet-style folder) nor *-images-idx3-ubyte files (MNIST-style IDX)` };
}

/**
 * ImageNet's layout as the reference implementation reads it: `val_map.txt` lists `<image file> <label>` per line, and
 * line i is qsl_idx i. Images are decoded and preprocessed when sampled, never all at once.
 */
async function openImageFolder(dir: string, names: readonly string[]): Promise<ModelResult<HarnessDataset>> {
  if (!names.includes(VAL_MAP)) return { ok: false, problem: `${dir} has no ${VAL_MAP}` };
  const lines = (await readFile(path.join(dir, VAL_MAP), 'utf8')).split(/\r?\n/);
  const files: string[] = [];
  const labels: number[] = [];
  for (const [position, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const [file, label] = line.trim().split(/\s+/);
    const value = Number(label);
    if (file === undefined || !Number.isInteger(value)) return { ok: false, problem: `${VAL_MAP} line ${position + 1} is not "<image file> <label>": ${JSON.stringify(line)}` };
    files.push(file);
    labels.push(value);
  }
  return {
    ok: true,
    value: {
      description: `ImageNet-style folder ${dir} (${files.length} images listed in ${VAL_MAP})`,
      size: files.length,
      sampleShape: [3, 224, 224],
      label: (index) => labels[index],
      fileName: (index) => files[index],
      // Images are read and decoded concurrently (sharp decodes on libuv's threads).
      fill: (indices, batch) =>
        Promise.all(
          indices.map(async (index, position) => {
            const file = files[index];
            if (file === undefined) return `sample ${index} is beyond the ${files.length} images of ${VAL_MAP}`;
            let bytes: Buffer;
            try {
              bytes = await readFile(path.join(dir, file));
            } catch {
              return `${file} (sample ${index}) cannot be read`;
            }
            const image = await decodeImage(bytes);
            if (!image.ok) return `${file} (sample ${index}): ${image.problem}`;
            const sample = preprocessResnet50(image.value);
            batch.set(sample, position * sample.length);
            return undefined;
          }),
        ),
    },
  };
}

export const IDX_IMAGES_MAGIC = 0x803;
export const IDX_LABELS_MAGIC = 0x801;

/** MNIST's own format: big-endian IDX files of uint8 images and labels; pixels are fed as value / 255. */
async function openIdx(dir: string, names: readonly string[]): Promise<ModelResult<HarnessDataset>> {
  const imagesName = names.find((name) => IDX_IMAGES.test(name));
  const labelsName = names.find((name) => IDX_LABELS.test(name));
  if (imagesName === undefined || labelsName === undefined) return { ok: false, problem: `${dir} needs both an *-images-idx3-ubyte and an *-labels-idx1-ubyte file` };
  const [images, labels] = await Promise.all([readFile(path.join(dir, imagesName)), readFile(path.join(dir, labelsName))]);
  if (images.length < 16 || images.readUInt32BE(0) !== IDX_IMAGES_MAGIC) return { ok: false, problem: `${imagesName} is not an IDX file of uint8 images (magic 0x00000803)` };
  if (labels.length < 8 || labels.readUInt32BE(0) !== IDX_LABELS_MAGIC) return { ok: false, problem: `${labelsName} is not an IDX file of uint8 labels (magic 0x00000801)` };
  const count = images.readUInt32BE(4);
  const rows = images.readUInt32BE(8);
  const columns = images.readUInt32BE(12);
  const pixels = rows * columns;
  if (images.length !== 16 + count * pixels) return { ok: false, problem: `${imagesName} declares ${count} images of ${rows}×${columns} but holds ${images.length - 16} bytes of pixels` };
  if (labels.readUInt32BE(4) !== count || labels.length !== 8 + count) return { ok: false, problem: `${labelsName} does not hold one label for each of the ${count} images` };
  // Scaled once, so that a batch is a few memory copies: IDX sets are small (MNIST: 31 MB as float32).
  const scaled = new Float32Array(count * pixels);
  for (let position = 0; position < scaled.length; position++) scaled[position] = (images[16 + position] as number) / 255;
  return {
    ok: true,
    value: {
      description: `IDX files ${path.join(dir, imagesName)} (${count} images of ${rows}×${columns}) and ${labelsName}`,
      size: count,
      sampleShape: [1, rows, columns],
      label: (index) => (index >= 0 && index < count ? labels[8 + index] : undefined),
      fileName: () => undefined,
      async fill(indices, batch) {
        return indices.map((index, position) => {
          if (!(index >= 0 && index < count)) return `sample ${index} is beyond the ${count} images of ${imagesName}`;
          batch.set(scaled.subarray(index * pixels, (index + 1) * pixels), position * pixels);
          return undefined;
        });
      },
    },
  };
}
