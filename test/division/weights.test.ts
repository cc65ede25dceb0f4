import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareWeights, type WeightEquivalenceResult, type WeightFinding } from '../../src/division/weights.ts';
import {
  buildModel,
  DataType,
  decodeModel,
  intAttribute,
  node,
  rawTensor,
  tensor,
  valueInfo,
  type ModelProto,
  type TensorProto,
} from '../../src/harness/onnx/model-builder.ts';
import { mulberry32 } from '../support/models/random.ts';

const fixture = (name: string): Uint8Array => readFileSync(new URL(`../../fixtures/harness/digits/${name}`, import.meta.url));
const FP32 = fixture('digits-fp32.onnx');
const INT8 = fixture('digits-int8.onnx');
const FP16 = fixture('digits-fp16.onnx');

/** A decoded copy of a digits model whose initializers `edit` returns. */
function withInitializers(bytes: Uint8Array, edit: (initializers: TensorProto[]) => TensorProto[]): ModelProto {
  const model = decodeModel(bytes);
  if (model.graph) model.graph.initializer = edit(model.graph.initializer ?? []);
  return model;
}

const replaceInitializer = (replacement: TensorProto) => (initializers: TensorProto[]): TensorProto[] =>
  initializers.map((initializer) => (initializer.name === replacement.name ? replacement : initializer));

function storedValues<T extends Int8Array | Float32Array>(bytes: Uint8Array, name: string, type: { new (buffer: ArrayBuffer): T }): T {
  const raw = decodeModel(bytes).graph?.initializer?.find((initializer) => initializer.name === name)?.rawData ?? new Uint8Array();
  // protobufjs hands out Buffer views into the whole file; copy just this tensor's bytes.
  return new type(Uint8Array.from(raw).buffer);
}

function compared(result: WeightEquivalenceResult): Extract<WeightEquivalenceResult, { status: 'compared' }> {
  if (result.status !== 'compared') throw new Error(result.reason);
  return result;
}

const finding = (result: WeightEquivalenceResult, reference: string): WeightFinding | undefined =>
  compared(result).findings.find((candidate) => candidate.reference === reference);

describe('weight equivalence with the reference', () => {
  it('accepts the QDQ-INT8 digits model: every weight within one quantization step', () => {
    const result = compared(compareWeights(INT8, FP32));
    expect(result.summary).toEqual({ referenceTensors: 4, equivalent: 4, replaced: 0, pruned: 0, reshaped: 0, unmatched: 0, undecodable: 0, extra: 0 });
    expect(result.extra).toEqual([]);
    const convWeight = finding(result, 'conv_weight');
    expect(convWeight).toMatchObject({ submitted: 'conv_weight', matchedBy: 'name', storedAs: { dataType: 'INT8', quantization: 'per-channel' }, comparedElements: 200 });
    expect(finding(result, 'gemm_weight')?.storedAs).toEqual({ dataType: 'INT8', quantization: 'per-tensor' });
    for (const { reference, rmsError, rmsStep, elementsBeyondStep } of result.findings) {
      expect(rmsError, reference).toBeLessThanOrEqual(rmsStep);
      expect(elementsBeyondStep, reference).toBe(0);
    }
    // Rounding to a step leaves an RMS error near step/√12 (measured: 0.27 of a step for both weights).
    expect((convWeight?.rmsError ?? 0) / (convWeight?.rmsStep ?? 1)).toBeLessThan(0.35);
    expect(convWeight?.relativeRmsError).toBeLessThan(0.01);
    // The float biases are the reference's, bit for bit; the conv bias is all zeros, so nothing is relative to it.
    expect(finding(result, 'conv_bias')).toMatchObject({ referenceRms: 0, rmsError: 0, storedAs: { dataType: 'FLOAT', quantization: 'none' } });
    expect(finding(result, 'conv_bias')).not.toHaveProperty('relativeRmsError');
  });

  it('accepts the FP16-storage digits model, through its Cast nodes', () => {
    const result = compared(compareWeights(FP16, FP32));
    expect(result.summary.equivalent).toBe(4);
    expect(finding(result, 'gemm_weight')).toMatchObject({ submitted: 'gemm_weight', storedAs: { dataType: 'FLOAT16', quantization: 'none' }, issues: [] });
    expect(finding(result, 'gemm_weight')?.relativeRmsError).toBeLessThan(1e-3);
  });

  it('accepts the reference itself with zero error', () => {
    const result = compared(compareWeights(FP32, FP32));
    expect(result.findings.every(({ rmsError, issues }) => rmsError === 0 && issues.length === 0)).toBe(true);
  });

  it('fails a quantized weight tensor replaced by random values', () => {
    const random = mulberry32(7);
    const replaced = Int8Array.from({ length: 10 * 1568 }, () => Math.round(random() * 126) - 63);
    const model = withInitializers(INT8, replaceInitializer(tensor('gemm_weight_quantized', [10, 1568], replaced)));
    const result = compared(compareWeights(model, FP32));
    expect(result.summary).toMatchObject({ replaced: 1, pruned: 0, reshaped: 0, equivalent: 3 });
    const gemmWeight = finding(result, 'gemm_weight');
    expect(gemmWeight?.issues).toEqual(['replaced']);
    expect(gemmWeight?.relativeRmsError).toBeGreaterThan(1);
    expect(gemmWeight?.elementsBeyondStep).toBeGreaterThan(10_000);
  });

  it('fails 30 % of the conv weights zeroed as pruning, not replacement', () => {
    const quantized = storedValues(INT8, 'conv_weight_quantized', Int8Array);
    const nonZero = [...quantized.keys()].filter((index) => quantized[index] !== 0);
    const pruned = Int8Array.from(quantized);
    // Every element whose position in the non-zero run is ≡ 0, 3 or 6 mod 10: 30 %.
    nonZero.forEach((index, rank) => [0, 3, 6].includes(rank % 10) && (pruned[index] = 0));
    const model = withInitializers(INT8, replaceInitializer(tensor('conv_weight_quantized', [8, 1, 5, 5], pruned)));
    const result = compared(compareWeights(model, FP32));
    expect(result.summary).toMatchObject({ pruned: 1, replaced: 0, equivalent: 3 });
    const convWeight = finding(result, 'conv_weight');
    expect(convWeight?.issues).toEqual(['pruned']);
    expect(convWeight?.zeroedFraction).toBeCloseTo(0.3, 1);
  });

  it('fails a tensor whose shape changed (transposed), and one padded with non-zero values', () => {
    const gemm = storedValues(FP32, 'gemm_weight', Float32Array);
    const transposed = Float32Array.from({ length: gemm.length }, (_, index) => gemm[(index % 10) * 1568 + Math.floor(index / 10)] ?? 0);
    const result = compared(compareWeights(withInitializers(FP32, replaceInitializer(tensor('gemm_weight', [1568, 10], transposed))), FP32));
    expect(result.summary).toMatchObject({ reshaped: 1, equivalent: 3 });
    expect(finding(result, 'gemm_weight')).toMatchObject({ issues: ['reshaped'], submittedDims: [1568, 10], comparedElements: 0 });

    const bias = storedValues(FP32, 'conv_bias', Float32Array);
    const paddedWithOnes = withInitializers(FP32, replaceInitializer(tensor('conv_bias', [10], Float32Array.of(...bias, 1, 1))));
    expect(finding(compareWeights(paddedWithOnes, FP32), 'conv_bias')).toMatchObject({ issues: ['reshaped'], padded: true, detail: '2 padding elements are non-zero' });
  });

  it('accepts zero padding and size-1 axes', () => {
    const conv = storedValues(FP32, 'conv_weight', Float32Array);
    // Each 5×5 filter padded to 6×6 with zeros on the right and bottom.
    const padded = Float32Array.from({ length: 8 * 36 }, (_, index) => {
      const [filter, row, column] = [Math.floor(index / 36), Math.floor((index % 36) / 6), index % 6];
      return row < 5 && column < 5 ? (conv[filter * 25 + row * 5 + column] ?? 0) : 0;
    });
    const bias = storedValues(FP32, 'conv_bias', Float32Array);
    const model = withInitializers(FP32, (initializers) =>
      replaceInitializer(tensor('conv_bias', [1, 8, 1, 1], bias))(replaceInitializer(tensor('conv_weight', [8, 1, 6, 6], padded))(initializers)),
    );
    const result = compared(compareWeights(model, FP32));
    expect(result.summary.equivalent).toBe(4);
    expect(finding(result, 'conv_weight')).toMatchObject({ padded: true, rmsError: 0, issues: [] });
  });

  it('maps renamed tensors by shape in graph order, and reports unmatched and extra ones', () => {
    const renamed = withInitializers(FP32, (initializers) => initializers.map((initializer) => ({ ...initializer, name: `renamed_${initializer.name}` })));
    const byShape = compared(compareWeights(renamed, FP32));
    expect(byShape.findings.map(({ matchedBy, submitted }) => [matchedBy, submitted])).toEqual([
      ['shape-order', 'renamed_conv_weight'],
      ['shape-order', 'renamed_conv_bias'],
      ['shape-order', 'renamed_gemm_weight'],
      ['shape-order', 'renamed_gemm_bias'],
    ]);
    expect(byShape.summary.equivalent).toBe(4);

    const supplemented = withInitializers(FP32, (initializers) => [
      ...initializers.filter(({ name }) => name !== 'gemm_bias'),
      tensor('adapter_weight', [16, 16], new Float32Array(256).fill(0.5)),
    ]);
    const result = compared(compareWeights(supplemented, FP32));
    expect(result.summary).toMatchObject({ unmatched: 1, extra: 1 });
    expect(result.extra).toEqual(['adapter_weight']);
    expect(finding(result, 'gemm_bias')?.issues).toEqual(['unmatched']);
  });

  it('dequantizes FP8 (E4M3FN) and INT4 weights with asymmetric zero points', () => {
    const reference = buildModel({
      opset: 21,
      graph: {
        name: 'reference',
        nodes: [node('MatMul', ['x', 'w'], ['y'])],
        initializers: [tensor('w', [2, 2], Float32Array.of(1, 2, -1, 0.5))],
        inputs: [valueInfo('x', DataType.FLOAT, [1, 2])],
        outputs: [valueInfo('y', DataType.FLOAT, [1, 2])],
      },
    });
    const quantizedModel = (stored: TensorProto, zeroPoint?: TensorProto): ModelProto =>
      buildModel({
        opset: 21,
        graph: {
          name: 'submitted',
          nodes: [node('DequantizeLinear', ['w_q', 'w_scale', ...(zeroPoint ? ['w_zero_point'] : [])], ['w']), node('MatMul', ['x', 'w'], ['y'])],
          initializers: [stored, tensor('w_scale', [], Float32Array.of(0.5)), ...(zeroPoint ? [zeroPoint] : [])],
          inputs: [valueInfo('x', DataType.FLOAT, [1, 2])],
          outputs: [valueInfo('y', DataType.FLOAT, [1, 2])],
        },
      });
    // E4M3FN bytes of 2, 4, −2, 1 (× scale 0.5).
    const fp8 = quantizedModel(rawTensor('w_q', DataType.FLOAT8E4M3FN, [2, 2], Uint8Array.of(0x40, 0x48, 0xc0, 0x38)));
    expect(finding(compareWeights(fp8, reference), 'w')).toMatchObject({ storedAs: { dataType: 'FLOAT8E4M3FN', quantization: 'per-tensor' }, rmsError: 0, issues: [] });
    // UINT4 q = 5, 7, 1, 4 with zero point 3, packed low nibble first.
    const uint4 = quantizedModel(rawTensor('w_q', DataType.UINT4, [2, 2], Uint8Array.of(0x75, 0x41)), rawTensor('w_zero_point', DataType.UINT4, [], Uint8Array.of(0x03)));
    expect(finding(compareWeights(uint4, reference), 'w')).toMatchObject({ storedAs: { dataType: 'UINT4' }, rmsError: 0, issues: [] });
    // Per-channel along axis 0, with a scale per row.
    const perChannel = buildModel({
      opset: 21,
      graph: {
        name: 'per_channel',
        nodes: [node('DequantizeLinear', ['w_q', 'w_scale'], ['w'], { attributes: [intAttribute('axis', 0)] }), node('MatMul', ['x', 'w'], ['y'])],
        initializers: [tensor('w_q', [2, 2], Int8Array.of(1, 2, -2, 1)), tensor('w_scale', [2], Float32Array.of(1, 0.5))],
        inputs: [valueInfo('x', DataType.FLOAT, [1, 2])],
        outputs: [valueInfo('y', DataType.FLOAT, [1, 2])],
      },
    });
    expect(finding(compareWeights(perChannel, reference), 'w')).toMatchObject({ storedAs: { quantization: 'per-channel' }, rmsError: 0, issues: [] });
  });

  it('reports what it cannot read instead of throwing', () => {
    expect(compareWeights(Uint8Array.of(0xff, 0xff, 0xff), FP32)).toMatchObject({ status: 'cannot-compare' });
    const external = withInitializers(FP32, (initializers) => initializers.map((initializer) => (initializer.name === 'gemm_weight' ? { ...initializer, rawData: new Uint8Array(), dataLocation: 1 } : initializer)));
    expect(finding(compareWeights(external, FP32), 'gemm_weight')).toMatchObject({ issues: ['undecodable'], detail: 'submitted: its data is stored outside the model file' });
  });
});
