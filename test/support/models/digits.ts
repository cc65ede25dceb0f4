import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  buildModel,
  DataType,
  encodeModel,
  float16Tensor,
  intAttribute,
  intsAttribute,
  node,
  tensor,
  valueInfo,
  type ModelProto,
  type NodeProto,
  type TensorProto,
} from '../../../src/harness/onnx/model-builder.ts';
import { mulberry32 } from './random.ts';

/**
 * The digits CNN of spec harness.md §3.2, trained deterministically in plain TS on the `mnist` package's 10,000 real
 * digits, in FP32, QDQ-INT8 and FP16-storage variants. These are the reference harness's test models; the committed
 * files under fixtures/harness/digits/ are rebuilt byte for byte by test/harness/test-models.test.ts.
 *
 * Determinism: only IEEE-exact arithmetic (+ − × ÷ √, Math.fround) and an integer PRNG touch the weights; no Math.exp
 * or other library function whose last bit could vary between platforms.
 */

export const DIGIT_SIDE = 28;
export const DIGIT_PIXELS = DIGIT_SIDE * DIGIT_SIDE;
export const DIGIT_CLASSES = 10;

/** The 10,000 digits in canonical `qsl_idx` order, as uint8 pixels (row-major 28×28 per digit). */
export interface DigitsDataset {
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
  readonly count: number;
}

let cachedDataset: DigitsDataset | undefined;

/**
 * The `mnist` package's digits, interleaved by class: round r takes the r-th digit of class 0, 1, …, 9, skipping
 * classes that have run out (the smallest, class 5, has 863). So index i < 8630 is class i % 10, digit ⌊i/10⌋ of
 * its class file. The package stores round(pixel/255, 3), which maps back to the uint8 pixel exactly.
 */
export function digitsDataset(): DigitsDataset {
  if (cachedDataset) return cachedDataset;
  const digitsFolder = path.join(path.dirname(createRequire(import.meta.url).resolve('mnist/package.json')), 'src', 'digits');
  const byClass = Array.from({ length: DIGIT_CLASSES }, (_, digit) => {
    const { data } = JSON.parse(readFileSync(path.join(digitsFolder, `${digit}.json`), 'utf8')) as { data: number[] };
    return data;
  });
  const count = byClass.reduce((total, data) => total + data.length / DIGIT_PIXELS, 0);
  const images = new Uint8Array(count * DIGIT_PIXELS);
  const labels = new Uint8Array(count);
  let index = 0;
  for (let round = 0; index < count; round++) {
    byClass.forEach((data, digit) => {
      if ((round + 1) * DIGIT_PIXELS > data.length) return;
      for (let pixel = 0; pixel < DIGIT_PIXELS; pixel++) images[index * DIGIT_PIXELS + pixel] = Math.round((data[round * DIGIT_PIXELS + pixel] ?? 0) * 255);
      labels[index++] = digit;
    });
  }
  cachedDataset = { images, labels, count };
  return cachedDataset;
}

/** Training uses the first 2000 indices (200 per class); everything after them is held out. */
export const DIGITS_TRAINING_COUNT = 2000;

/**
 * The calibration list: one training index out of every block of ten, at position k mod 10 in block k, so that the 200
 * indices are spread evenly over the training set and each class contributes 20 (plain every-10th would be all zeros).
 */
export function digitsCalibrationIndices(): number[] {
  return Array.from({ length: DIGITS_TRAINING_COUNT / 10 }, (_, block) => block * 10 + (block % 10));
}

/** The held-out indices: all after the training set (8000 digits). */
export function digitsHeldOutIndices(count = digitsDataset().count): number[] {
  return Array.from({ length: count - DIGITS_TRAINING_COUNT }, (_, offset) => DIGITS_TRAINING_COUNT + offset);
}

/** The models' `input` tensor data for these indices: float32 [n, 1, 28, 28] holding pixel/255. */
export function digitsModelInput(indices: readonly number[], dataset = digitsDataset()): Float32Array {
  const input = new Float32Array(indices.length * DIGIT_PIXELS);
  indices.forEach((sample, row) => {
    for (let pixel = 0; pixel < DIGIT_PIXELS; pixel++) input[row * DIGIT_PIXELS + pixel] = (dataset.images[sample * DIGIT_PIXELS + pixel] ?? 0) / 255;
  });
  return input;
}

const FILTERS = 8;
const KERNEL = 5;
const PAD = 2;
const POOLED_SIDE = DIGIT_SIDE / 2;
const FEATURES = FILTERS * POOLED_SIDE * POOLED_SIDE;
const EPOCHS = 8;
const WEIGHT_SEED = 20_240_917;

/** Float32 parameters in ONNX layout: conv [8,1,5,5] + [8], gemm [10,1568] (used with transB) + [10]. */
export interface DigitsWeights {
  readonly convWeight: Float32Array;
  readonly convBias: Float32Array;
  readonly gemmWeight: Float32Array;
  readonly gemmBias: Float32Array;
}

/** Seeded conv filters, each made zero-mean and unit-norm so that its response does not depend on the draw's scale. */
function convFilters(): Float32Array {
  const random = mulberry32(WEIGHT_SEED);
  const weights = new Float32Array(FILTERS * KERNEL * KERNEL);
  const taps = KERNEL * KERNEL;
  for (let filter = 0; filter < FILTERS; filter++) {
    const draw = Array.from({ length: taps }, () => random() * 2 - 1);
    const mean = draw.reduce((sum, value) => sum + value, 0) / taps;
    const centred = draw.map((value) => value - mean);
    const norm = Math.sqrt(centred.reduce((sum, value) => sum + value * value, 0));
    centred.forEach((value, tap) => (weights[filter * taps + tap] = value / norm));
  }
  return weights;
}

/** Conv → Relu → MaxPool of one digit, flattened in NCHW order as the graph's Flatten does. */
function poolFeatures(dataset: DigitsDataset, sample: number, convWeight: Float32Array, convBias: Float32Array, features: Float64Array): void {
  const padded = DIGIT_SIDE + 2 * PAD;
  const input = new Float64Array(padded * padded);
  for (let y = 0; y < DIGIT_SIDE; y++) {
    for (let x = 0; x < DIGIT_SIDE; x++) input[(y + PAD) * padded + x + PAD] = Math.fround((dataset.images[sample * DIGIT_PIXELS + y * DIGIT_SIDE + x] ?? 0) / 255);
  }
  const activation = new Float64Array(DIGIT_PIXELS);
  for (let filter = 0; filter < FILTERS; filter++) {
    for (let y = 0; y < DIGIT_SIDE; y++) {
      for (let x = 0; x < DIGIT_SIDE; x++) {
        let sum = convBias[filter] ?? 0;
        for (let ky = 0; ky < KERNEL; ky++) {
          for (let kx = 0; kx < KERNEL; kx++) sum += (input[(y + ky) * padded + x + kx] ?? 0) * (convWeight[(filter * KERNEL + ky) * KERNEL + kx] ?? 0);
        }
        activation[y * DIGIT_SIDE + x] = sum > 0 ? sum : 0;
      }
    }
    for (let y = 0; y < POOLED_SIDE; y++) {
      for (let x = 0; x < POOLED_SIDE; x++) {
        const topLeft = 2 * y * DIGIT_SIDE + 2 * x;
        features[(filter * POOLED_SIDE + y) * POOLED_SIDE + x] = Math.max(
          activation[topLeft] ?? 0,
          activation[topLeft + 1] ?? 0,
          activation[topLeft + DIGIT_SIDE] ?? 0,
          activation[topLeft + DIGIT_SIDE + 1] ?? 0,
        );
      }
    }
  }
}

/**
 * Seeded conv filters stay fixed (random features); the Gemm is trained by plain SGD on the multiclass hinge loss
 * (true class against the highest other class, margin 1) over the training set in index order, 8 epochs, learning rate
 * 0.01/(1+epoch). The hinge loss needs no exp, which keeps the weights bit-reproducible.
 */
export function trainDigitsWeights(dataset = digitsDataset()): DigitsWeights {
  const convWeight = convFilters();
  const convBias = new Float32Array(FILTERS);
  const features = new Float64Array(DIGITS_TRAINING_COUNT * FEATURES);
  for (let sample = 0; sample < DIGITS_TRAINING_COUNT; sample++) poolFeatures(dataset, sample, convWeight, convBias, features.subarray(sample * FEATURES));
  const weight = new Float64Array(DIGIT_CLASSES * FEATURES);
  const bias = new Float64Array(DIGIT_CLASSES);
  const scores = new Float64Array(DIGIT_CLASSES);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    const learningRate = 0.01 / (1 + epoch);
    for (let sample = 0; sample < DIGITS_TRAINING_COUNT; sample++) {
      const offset = sample * FEATURES;
      for (let digit = 0; digit < DIGIT_CLASSES; digit++) {
        let score = bias[digit] ?? 0;
        for (let feature = 0; feature < FEATURES; feature++) score += (weight[digit * FEATURES + feature] ?? 0) * (features[offset + feature] ?? 0);
        scores[digit] = score;
      }
      const label = dataset.labels[sample] ?? 0;
      let rival = label === 0 ? 1 : 0;
      for (let digit = 0; digit < DIGIT_CLASSES; digit++) if (digit !== label && (scores[digit] ?? 0) > (scores[rival] ?? 0)) rival = digit;
      if ((scores[label] ?? 0) - (scores[rival] ?? 0) >= 1) continue;
      for (let feature = 0; feature < FEATURES; feature++) {
        const step = learningRate * (features[offset + feature] ?? 0);
        weight[label * FEATURES + feature] = (weight[label * FEATURES + feature] ?? 0) + step;
        weight[rival * FEATURES + feature] = (weight[rival * FEATURES + feature] ?? 0) - step;
      }
      bias[label] = (bias[label] ?? 0) + learningRate;
      bias[rival] = (bias[rival] ?? 0) - learningRate;
    }
  }
  return { convWeight, convBias, gemmWeight: Float32Array.from(weight), gemmBias: Float32Array.from(bias) };
}

/** MinMax ranges over the calibration list of the tensors the INT8 variant quantizes (both are non-negative). */
export interface DigitsActivationRanges {
  /** Max of `input`. */
  readonly input: number;
  /** Max of `pool`, the MaxPool output that feeds the Gemm. */
  readonly pool: number;
}

export function calibrateDigits(weights: DigitsWeights, dataset = digitsDataset()): DigitsActivationRanges {
  const features = new Float64Array(FEATURES);
  let input = 0;
  let pool = 0;
  for (const sample of digitsCalibrationIndices()) {
    for (let pixel = 0; pixel < DIGIT_PIXELS; pixel++) input = Math.max(input, Math.fround((dataset.images[sample * DIGIT_PIXELS + pixel] ?? 0) / 255));
    poolFeatures(dataset, sample, weights.convWeight, weights.convBias, features);
    for (const value of features) pool = Math.max(pool, value);
  }
  return { input, pool };
}

const GRAPH_INPUTS = [valueInfo('input', DataType.FLOAT, ['N', 1, DIGIT_SIDE, DIGIT_SIDE])];
const GRAPH_OUTPUTS = [valueInfo('logits', DataType.FLOAT, ['N', DIGIT_CLASSES]), valueInfo('argmax', DataType.INT64, ['N'])];

/**
 * The graph every variant shares from its (dequantized or cast) float tensors on: conv → relu → pool → flat → logits →
 * argmax. `convInput` and `flattenInput` name the tensors the Conv and Flatten read, so a variant can put Q/DQ between.
 */
function floatCore(convInput: string, flattenInput: string): NodeProto[] {
  return [
    node('Conv', [convInput, 'conv_weight', 'conv_bias'], ['conv'], {
      attributes: [intsAttribute('kernel_shape', [KERNEL, KERNEL]), intsAttribute('pads', [PAD, PAD, PAD, PAD])],
    }),
    node('Relu', ['conv'], ['relu']),
    node('MaxPool', ['relu'], ['pool'], { attributes: [intsAttribute('kernel_shape', [2, 2]), intsAttribute('strides', [2, 2])] }),
    node('Flatten', [flattenInput], ['flat'], { attributes: [intAttribute('axis', 1)] }),
    node('Gemm', ['flat', 'gemm_weight', 'gemm_bias'], ['logits'], { attributes: [intAttribute('transB', 1)] }),
    node('ArgMax', ['logits'], ['argmax'], { attributes: [intAttribute('axis', 1), intAttribute('keepdims', 0)] }),
  ];
}

const PARAMETER_DIMS = {
  conv_weight: [FILTERS, 1, KERNEL, KERNEL],
  conv_bias: [FILTERS],
  gemm_weight: [DIGIT_CLASSES, FEATURES],
  gemm_bias: [DIGIT_CLASSES],
} as const;

const parameters = (weights: DigitsWeights): [name: keyof typeof PARAMETER_DIMS, values: Float32Array][] => [
  ['conv_weight', weights.convWeight],
  ['conv_bias', weights.convBias],
  ['gemm_weight', weights.gemmWeight],
  ['gemm_bias', weights.gemmBias],
];

function digitsModel(name: string, nodes: NodeProto[], initializers: TensorProto[]): ModelProto {
  return buildModel({
    opset: 13,
    producerName: 'mlperf-audit test models',
    graph: { name, nodes, initializers, inputs: GRAPH_INPUTS, outputs: GRAPH_OUTPUTS },
  });
}

export function digitsFp32Model(weights: DigitsWeights): ModelProto {
  const initializers = parameters(weights).map(([name, values]) => tensor(name, PARAMETER_DIMS[name], values));
  return digitsModel('digits_cnn_fp32', floatCore('input', 'pool'), initializers);
}

/** FP16 storage: half-precision initializers, each Cast back to float before use. */
export function digitsFp16Model(weights: DigitsWeights): ModelProto {
  const stored = parameters(weights);
  const casts = stored.map(([name]) => node('Cast', [`${name}_fp16`], [name], { attributes: [intAttribute('to', DataType.FLOAT)] }));
  const initializers = stored.map(([name, values]) => float16Tensor(`${name}_fp16`, PARAMETER_DIMS[name], values));
  return digitsModel('digits_cnn_fp16', [...casts, ...floatCore('input', 'pool')], initializers);
}

/**
 * Weights use the reduced range [−63, 63] (onnxruntime's `reduce_range`): ORT fuses the QDQ Conv into an x86 u8×s8
 * kernel that adds pairs of products in int16, and 255 × 127 × 2 overflows it (measured: 98.6 % argmax agreement with
 * FP32 at the full range, 99.8 % at the reduced one, where the fused and unfused graphs agree exactly).
 */
const WEIGHT_LIMIT = 63;
const UINT8_MAX = 255;

/** Round half to even, as ONNX QuantizeLinear rounds. */
function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (fraction !== 0.5) return Math.round(value);
  return floor % 2 === 0 ? floor : floor + 1;
}

/** Symmetric int8 quantization (zero point 0) of `values` split into `channels` equal runs, one scale per run. */
function quantizeSymmetric(values: Float32Array, channels: number): { quantized: Int8Array; scales: Float32Array } {
  const perChannel = values.length / channels;
  const scales = new Float32Array(channels);
  const quantized = new Int8Array(values.length);
  for (let channel = 0; channel < channels; channel++) {
    const run = values.subarray(channel * perChannel, (channel + 1) * perChannel);
    scales[channel] = run.reduce((max, value) => Math.max(max, Math.abs(value)), 0) / WEIGHT_LIMIT;
    const scale = scales[channel] ?? 1;
    run.forEach((value, offset) => (quantized[channel * perChannel + offset] = scale ? roundHalfEven(value / scale) : 0));
  }
  return { quantized, scales };
}

/**
 * QDQ-INT8: int8 symmetric weights in [−63, 63] (conv per output channel, gemm per tensor), uint8 activations (`input`
 * and `pool`, zero point 0, scale = calibration max / 255), float biases.
 */
export function digitsInt8Model(weights: DigitsWeights, ranges: DigitsActivationRanges): ModelProto {
  const conv = quantizeSymmetric(weights.convWeight, FILTERS);
  const gemm = quantizeSymmetric(weights.gemmWeight, 1);
  const quantizeDequantize = (tensorName: string): NodeProto[] => [
    node('QuantizeLinear', [tensorName, `${tensorName}_scale`, `${tensorName}_zero_point`], [`${tensorName}_quantized`]),
    node('DequantizeLinear', [`${tensorName}_quantized`, `${tensorName}_scale`, `${tensorName}_zero_point`], [`${tensorName}_dequantized`]),
  ];
  const nodes = [
    ...quantizeDequantize('input'),
    node('DequantizeLinear', ['conv_weight_quantized', 'conv_weight_scale', 'conv_weight_zero_point'], ['conv_weight'], { attributes: [intAttribute('axis', 0)] }),
    node('DequantizeLinear', ['gemm_weight_quantized', 'gemm_weight_scale', 'gemm_weight_zero_point'], ['gemm_weight']),
    ...quantizeDequantize('pool'),
    ...floatCore('input_dequantized', 'pool_dequantized'),
  ];
  const initializers = [
    tensor('input_scale', [], Float32Array.of(ranges.input / UINT8_MAX)),
    tensor('input_zero_point', [], Uint8Array.of(0)),
    tensor('conv_weight_quantized', PARAMETER_DIMS.conv_weight, conv.quantized),
    tensor('conv_weight_scale', [FILTERS], conv.scales),
    tensor('conv_weight_zero_point', [FILTERS], new Int8Array(FILTERS)),
    tensor('conv_bias', PARAMETER_DIMS.conv_bias, weights.convBias),
    tensor('pool_scale', [], Float32Array.of(ranges.pool / UINT8_MAX)),
    tensor('pool_zero_point', [], Uint8Array.of(0)),
    tensor('gemm_weight_quantized', PARAMETER_DIMS.gemm_weight, gemm.quantized),
    tensor('gemm_weight_scale', [], gemm.scales),
    tensor('gemm_weight_zero_point', [], new Int8Array(1)),
    tensor('gemm_bias', PARAMETER_DIMS.gemm_bias, weights.gemmBias),
  ];
  return digitsModel('digits_cnn_qdq_int8', nodes, initializers);
}

/** The committed files of fixtures/harness/digits/ (README.md aside), by file name. */
export type DigitsFixtureName = 'digits-fp32.onnx' | 'digits-int8.onnx' | 'digits-fp16.onnx' | 'calibration.txt';

export interface DigitsFixtures {
  readonly files: Record<DigitsFixtureName, Uint8Array>;
  readonly weights: DigitsWeights;
  readonly ranges: DigitsActivationRanges;
}

export function buildDigitsFixtures(dataset = digitsDataset()): DigitsFixtures {
  const weights = trainDigitsWeights(dataset);
  const ranges = calibrateDigits(weights, dataset);
  const files = {
    'digits-fp32.onnx': encodeModel(digitsFp32Model(weights)),
    'digits-int8.onnx': encodeModel(digitsInt8Model(weights, ranges)),
    'digits-fp16.onnx': encodeModel(digitsFp16Model(weights)),
    'calibration.txt': new TextEncoder().encode(digitsCalibrationIndices().map((index) => `${index}\n`).join('')),
  };
  return { files, weights, ranges };
}
