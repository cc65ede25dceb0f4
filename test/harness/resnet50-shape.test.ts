import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeModel, type ModelProto } from '../../src/harness/onnx/model-builder.ts';
import {
  buildResnet50ShapeModel,
  RESNET50_ARGMAX,
  RESNET50_CLASSES,
  RESNET50_IMAGE_SIDE,
  RESNET50_INPUT,
  RESNET50_SOFTMAX,
} from '../support/models/resnet50-shape.ts';
import { mulberry32 } from '../support/models/random.ts';

/** The ResNet-50 v1.5-shaped graph is built once (about 2 s, 102 MB) and run on one image through onnxruntime-node. */

describe('ResNet-50 v1.5-shaped FP32 graph', () => {
  let model: ModelProto;
  let bytes: Uint8Array;

  beforeAll(() => {
    const started = performance.now();
    model = buildResnet50ShapeModel();
    bytes = encodeModel(model);
    console.info(`ResNet-50 shape built and encoded in ${((performance.now() - started) / 1000).toFixed(2)} s: ${bytes.length} bytes`);
  });

  it('has the layers of ResNet-50 v1.5 with batch norm folded, and its parameter count', () => {
    const opCounts = new Map<string, number>();
    for (const graphNode of model.graph?.node ?? []) opCounts.set(graphNode.opType ?? '', (opCounts.get(graphNode.opType ?? '') ?? 0) + 1);
    expect(Object.fromEntries(opCounts)).toEqual({ Conv: 53, Relu: 49, Add: 16, MaxPool: 1, GlobalAveragePool: 1, Flatten: 1, Gemm: 1, Softmax: 1, ArgMax: 1 });
    const parameters = (model.graph?.initializer ?? []).reduce((total, initializer) => total + (initializer.dims ?? []).reduce<number>((product, dim) => product * Number(dim), 1), 0);
    expect(parameters).toBe(25_532_521);
  });

  it('runs one image through onnxruntime-node with MLPerf output names and shapes', async () => {
    const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1 });
    try {
      expect(session.inputNames).toEqual([RESNET50_INPUT]);
      expect([...session.outputNames].sort()).toEqual([RESNET50_ARGMAX, RESNET50_SOFTMAX]);
      // Mean-subtracted pixels, as the MLPerf resnet50 preprocessing feeds the model.
      const random = mulberry32(1);
      const pixels = Float32Array.from({ length: 3 * RESNET50_IMAGE_SIDE * RESNET50_IMAGE_SIDE }, () => random() * 255 - 120);
      const outputs = await session.run({ [RESNET50_INPUT]: new ort.Tensor('float32', pixels, [1, 3, RESNET50_IMAGE_SIDE, RESNET50_IMAGE_SIDE]) });
      const softmax = outputs[RESNET50_SOFTMAX];
      const argmax = outputs[RESNET50_ARGMAX];
      expect(softmax?.type).toBe('float32');
      expect(softmax?.dims).toEqual([1, RESNET50_CLASSES]);
      expect(argmax?.type).toBe('int64');
      expect(argmax?.dims).toEqual([1]);
      const probabilities = softmax?.data as Float32Array;
      expect(probabilities.every(Number.isFinite)).toBe(true);
      expect(probabilities.reduce((sum, probability) => sum + probability, 0)).toBeCloseTo(1, 4);
      const top = probabilities.reduce((best, probability, index) => (probability > (probabilities[best] ?? 0) ? index : best), 0);
      expect((argmax?.data as BigInt64Array)[0]).toBe(BigInt(top));
      // The damped residual branches keep activations moderate, so no class saturates the softmax.
      expect(Math.max(...probabilities)).toBeLessThan(0.99);
    } finally {
      await session.release();
    }
  });
});
