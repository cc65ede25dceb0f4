import {
  buildModel,
  DataType,
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
 * An FP32 graph with the shape of MLPerf's ResNet-50 v1.5 (spec harness.md §3.2): the stem, 16 bottleneck blocks in
 * stages of 3, 4, 6 and 3 with the stride on the 3×3 conv (v1.5), batch norm folded into conv biases (53 Conv, 16
 * residual Add), MaxPool, global average pool, Gemm 2048→1001, Softmax and ArgMax, with MLPerf's I/O names. Weights
 * are seeded, not trained: the model is for timing, memory and graph-inspection tests. About 102 MB, so tests build it
 * at run time and never commit it.
 */

export const RESNET50_INPUT = 'input_tensor:0';
export const RESNET50_ARGMAX = 'ArgMax:0';
export const RESNET50_SOFTMAX = 'softmax_tensor:0';
export const RESNET50_CLASSES = 1001;
export const RESNET50_IMAGE_SIDE = 224;

/** Bottleneck stages: blocks, inner width (output width is 4×), stride of the first block. */
const STAGES = [
  { blocks: 3, width: 64, stride: 1 },
  { blocks: 4, width: 128, stride: 2 },
  { blocks: 6, width: 256, stride: 2 },
  { blocks: 3, width: 512, stride: 2 },
] as const;
const EXPANSION = 4;
const STEM_WIDTH = 64;

/**
 * Scales on top of He-uniform weights. The stem takes mean-subtracted pixels (standard deviation about 60) down to unit
 * scale; each residual branch's last conv is damped so 16 additions grow the variance by about 1.0625¹⁶ ≈ 2.6× instead of 2¹⁶
 * (measured on a random image: activation RMS 2.6 after the stem pool, 4.4 before the average pool).
 */
const STEM_GAIN = 1 / 64;
const RESIDUAL_BRANCH_GAIN = 0.25;

export interface ResNet50ShapeOptions {
  /** Seed of the weights; the same seed gives the same model bytes. */
  readonly seed?: number;
}

export function buildResnet50ShapeModel(options: ResNet50ShapeOptions = {}): ModelProto {
  const random = mulberry32(options.seed ?? 50);
  const nodes: NodeProto[] = [];
  const initializers: TensorProto[] = [];

  /** Conv with He-uniform weights (variance 2·gain²/fan-in) and a zero bias standing for the folded batch norm. */
  const conv = (name: string, input: string, inChannels: number, outChannels: number, kernel: number, stride: number, gain = 1): string => {
    const fanIn = inChannels * kernel * kernel;
    const limit = gain * Math.sqrt(6 / fanIn);
    const weight = new Float32Array(outChannels * fanIn);
    for (let index = 0; index < weight.length; index++) weight[index] = (random() * 2 - 1) * limit;
    initializers.push(tensor(`${name}_weight`, [outChannels, inChannels, kernel, kernel], weight), tensor(`${name}_bias`, [outChannels], new Float32Array(outChannels)));
    const pad = (kernel - 1) >> 1;
    nodes.push(
      node('Conv', [input, `${name}_weight`, `${name}_bias`], [name], {
        attributes: [intsAttribute('kernel_shape', [kernel, kernel]), intsAttribute('strides', [stride, stride]), intsAttribute('pads', [pad, pad, pad, pad])],
      }),
    );
    return name;
  };
  const relu = (input: string): string => {
    nodes.push(node('Relu', [input], [`${input}_relu`]));
    return `${input}_relu`;
  };

  let current = relu(conv('stem_conv', RESNET50_INPUT, 3, STEM_WIDTH, 7, 2, STEM_GAIN));
  nodes.push(
    node('MaxPool', [current], ['stem_pool'], {
      attributes: [intsAttribute('kernel_shape', [3, 3]), intsAttribute('strides', [2, 2]), intsAttribute('pads', [1, 1, 1, 1])],
    }),
  );
  current = 'stem_pool';
  let channels = STEM_WIDTH;

  STAGES.forEach(({ blocks, width, stride: firstStride }, stageIndex) => {
    for (let block = 0; block < blocks; block++) {
      const prefix = `stage${stageIndex + 1}_block${block + 1}`;
      const stride = block === 0 ? firstStride : 1;
      const outChannels = width * EXPANSION;
      const reduced = relu(conv(`${prefix}_conv1`, current, channels, width, 1, 1));
      const spatial = relu(conv(`${prefix}_conv2`, reduced, width, width, 3, stride));
      const expanded = conv(`${prefix}_conv3`, spatial, width, outChannels, 1, 1, RESIDUAL_BRANCH_GAIN);
      const shortcut = block === 0 ? conv(`${prefix}_projection`, current, channels, outChannels, 1, stride) : current;
      nodes.push(node('Add', [expanded, shortcut], [`${prefix}_add`]));
      current = relu(`${prefix}_add`);
      channels = outChannels;
    }
  });

  const fanIn = channels;
  const classifierLimit = Math.sqrt(3 / fanIn);
  const classifierWeight = new Float32Array(RESNET50_CLASSES * fanIn);
  for (let index = 0; index < classifierWeight.length; index++) classifierWeight[index] = (random() * 2 - 1) * classifierLimit;
  initializers.push(tensor('dense_weight', [RESNET50_CLASSES, fanIn], classifierWeight), tensor('dense_bias', [RESNET50_CLASSES], new Float32Array(RESNET50_CLASSES)));
  nodes.push(
    node('GlobalAveragePool', [current], ['average_pool']),
    node('Flatten', ['average_pool'], ['average_pool_flat'], { attributes: [intAttribute('axis', 1)] }),
    node('Gemm', ['average_pool_flat', 'dense_weight', 'dense_bias'], ['logits'], { attributes: [intAttribute('transB', 1)] }),
    node('Softmax', ['logits'], [RESNET50_SOFTMAX], { attributes: [intAttribute('axis', 1)] }),
    node('ArgMax', ['logits'], [RESNET50_ARGMAX], { attributes: [intAttribute('axis', 1), intAttribute('keepdims', 0)] }),
  );

  return buildModel({
    opset: 13,
    producerName: 'mlperf-audit test models',
    graph: {
      name: 'resnet50_v1_5_shape',
      nodes,
      initializers,
      inputs: [valueInfo(RESNET50_INPUT, DataType.FLOAT, ['N', 3, RESNET50_IMAGE_SIDE, RESNET50_IMAGE_SIDE])],
      outputs: [valueInfo(RESNET50_ARGMAX, DataType.INT64, ['N']), valueInfo(RESNET50_SOFTMAX, DataType.FLOAT, ['N', RESNET50_CLASSES])],
    },
  });
}
