import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { buildModel, DataType, decodeModel, encodeModel, intAttribute, node, rawTensor, tensor, valueInfo } from '../../../src/harness/onnx/model-builder.ts';
import { inspectModel, inspectModelFile } from '../../../src/harness/onnx/inspect.ts';
import { digitsFixture, fp4Model, fp8Model, ifSubgraphModel, int4Model, matMulNBitsModel, profileOf } from './format-models.ts';

describe('inspectModel on the digits fixtures (spec harness.md §3.3)', () => {
  it('profiles the QDQ-INT8 model: int8 weights per channel and per tensor, uint8 activations', () => {
    const profile = profileOf(digitsFixture('int8'));
    expect(profile.opsets).toEqual({ 'ai.onnx': 13 });
    expect(profile.irVersion).toBe(7);
    expect(profile.initializers).toEqual({ FLOAT: { tensors: 6, elements: 29 }, INT8: { tensors: 4, elements: 15_889 }, UINT8: { tensors: 2, elements: 2 } });
    expect(profile.operators).toMatchObject({ QuantizeLinear: 2, DequantizeLinear: 4, Conv: 1, Gemm: 1 });
    expect(profile.quantization).toEqual({
      weightFormats: { INT8: 2 },
      weightScales: { perTensor: 1, perChannel: 1, perBlock: 0, unknown: 0 },
      activationFormats: { UINT8: 2 },
      quantizedOperators: {},
    });
    // Scales and zero points are not parameters: 15,880 int8 weights and 18 float biases remain.
    expect(profile.parameters.total).toBe(15_898);
    expect(profile.parameters.byFormat.map(({ format, elements }) => [format, elements])).toEqual([
      ['INT8', 15_880],
      ['FP32', 18],
    ]);
    expect(profile.inputs).toEqual([{ name: 'input', dataType: 'FLOAT', shape: ['N', 1, 28, 28] }]);
    expect(profile.outputs).toEqual([
      { name: 'logits', dataType: 'FLOAT', shape: ['N', 10] },
      { name: 'argmax', dataType: 'INT64', shape: ['N'] },
    ]);
  });

  it('profiles the FP16-storage model: half initializers cast back to float', () => {
    const profile = profileOf(digitsFixture('fp16'));
    expect(profile.initializers).toEqual({ FLOAT16: { tensors: 4, elements: 15_898 } });
    expect(profile.castTargets).toEqual({ FLOAT: 4 });
    expect(profile.parameters.byFormat).toEqual([{ format: 'FP16', elements: 15_898, share: 1 }]);
    expect(profile.quantization.weightFormats).toEqual({});
  });

  it('agrees with a full onnx-proto decode on the FP32 model', () => {
    const bytes = digitsFixture('fp32');
    const graph = decodeModel(bytes).graph;
    const elements = (graph?.initializer ?? []).reduce((sum, initializer) => sum + (initializer.dims ?? []).reduce((product: number, dim) => product * Number(dim), 1), 0);
    const profile = profileOf(bytes);
    expect(profile.parameters.total).toBe(elements);
    expect(profile.nodes).toBe(graph?.node?.length);
    expect(profile.parameters.byFormat).toEqual([{ format: 'FP32', elements, share: 1 }]);
  });
});

describe('inspectModel on low-bit weights', () => {
  it('reports an FP8 E4M3FN weight at opset 19', () => {
    const profile = profileOf(fp8Model());
    expect(profile.opsets).toEqual({ 'ai.onnx': 19 });
    expect(profile.irVersion).toBe(9);
    expect(profile.quantization.weightFormats).toEqual({ FLOAT8E4M3FN: 1 });
    expect(profile.quantization.weightScales).toEqual({ perTensor: 1, perChannel: 0, perBlock: 0, unknown: 0 });
    expect(profile.parameters.byFormat).toEqual([{ format: 'FP8', elements: 4, share: 1 }]);
  });

  it('tells a per-channel scale from a per-tensor one', () => {
    expect(profileOf(fp8Model({ perChannelScale: true })).quantization.weightScales).toEqual({ perTensor: 0, perChannel: 1, perBlock: 0, unknown: 0 });
  });

  it('reports an INT4 weight at opset 21 and an FP4 one at opset 23', () => {
    const int4 = profileOf(int4Model());
    expect(int4.opsets).toEqual({ 'ai.onnx': 21 });
    expect(int4.quantization.weightFormats).toEqual({ INT4: 1 });
    expect(int4.parameters.byFormat.map(({ format }) => format)).toEqual(['INT4']);
    expect(profileOf(fp4Model()).quantization.weightFormats).toEqual({ FLOAT4E2M1: 1 });
  });

  it('reads activation Q/DQ formats from the zero point', () => {
    const profile = profileOf(fp8Model({ activationZeroPoint: rawTensor('x_zero_point', DataType.FLOAT8E4M3FN, [], Uint8Array.of(0)) }));
    expect(profile.quantization.activationFormats).toEqual({ FLOAT8E4M3FN: 1 });
    expect(profile.quantization.weightFormats).toEqual({ FLOAT8E4M3FN: 1 });
  });

  it('unpacks com.microsoft::MatMulNBits weights to 4-bit elements scaled per block', () => {
    const profile = profileOf(matMulNBitsModel());
    expect(profile.opsets).toEqual({ 'ai.onnx': 17, 'com.microsoft': 1 });
    expect(profile.operators).toEqual({ 'com.microsoft::MatMulNBits': 1 });
    expect(profile.quantization.quantizedOperators).toEqual({ 'com.microsoft::MatMulNBits': 1 });
    expect(profile.quantization.weightFormats).toEqual({ UINT4: 1 });
    expect(profile.quantization.weightScales.perBlock).toBe(1);
    expect(profile.initializers).toMatchObject({ UINT8: { tensors: 1, elements: 32 } });
    expect(profile.parameters.byFormat).toEqual([{ format: 'UINT4', elements: 64, share: 1 }]);
  });
});

describe('inspectModel on graph structure', () => {
  it('descends into If branches, counting their initializers and Constant nodes', () => {
    const profile = profileOf(ifSubgraphModel());
    expect(profile.graphs).toBe(3);
    expect(profile.operators).toEqual({ Cast: 1, Constant: 1, DequantizeLinear: 1, If: 1, MatMul: 1 });
    expect(profile.quantization.weightFormats).toEqual({ INT8: 1 });
    expect(profile.castTargets).toEqual({ FLOAT: 1 });
    expect(profile.parameters.byFormat.map(({ format, elements }) => [format, elements])).toEqual([
      ['FP16', 4],
      ['INT8', 4],
    ]);
    expect(profile.inputs.map(({ name, dataType, shape }) => [name, dataType, shape])).toEqual([
      ['use_int8', 'BOOL', []],
      ['x', 'FLOAT', ['N', 2]],
    ]);
  });

  it('counts external-data tensors by their metadata', () => {
    const model = buildModel({
      opset: 13,
      graph: {
        name: 'external',
        nodes: [node('MatMul', ['x', 'w'], ['y'])],
        initializers: [{ name: 'w', dataType: DataType.BFLOAT16, dims: [1024, 4096], dataLocation: 1, externalData: [{ key: 'location', value: 'weights.bin' }, { key: 'offset', value: '0' }] }],
        inputs: [valueInfo('x', DataType.BFLOAT16, ['N', 1024])],
        outputs: [valueInfo('y', DataType.BFLOAT16, ['N', 4096])],
      },
    });
    const profile = profileOf(encodeModel(model));
    expect(profile.externalData).toEqual({ tensors: 1, elements: 4_194_304, locations: ['weights.bin'] });
    expect(profile.parameters.byFormat).toEqual([{ format: 'BF16', elements: 4_194_304, share: 1 }]);
  });

  it('counts sparse initializers by their stored values and leaves initializers listed as inputs out of the inputs', () => {
    const model = buildModel({
      opset: 13,
      irVersion: 3,
      graph: {
        name: 'sparse',
        nodes: [node('MatMul', ['x', 'w'], ['y'])],
        initializers: [tensor('w', [2, 2], Float32Array.of(1, 2, 3, 4))],
        inputs: [valueInfo('x', DataType.FLOAT, ['N', 2]), valueInfo('w', DataType.FLOAT, [2, 2])],
        outputs: [valueInfo('y', DataType.FLOAT, ['N', 2])],
      },
    });
    model.graph!.sparseInitializer = [{ values: tensor('s', [3], Int8Array.of(1, 2, 3)), indices: tensor('s_indices', [3], new BigInt64Array([0n, 5n, 9n])), dims: [4, 4] }];
    const profile = profileOf(encodeModel(model));
    expect(profile.inputs.map(({ name }) => name)).toEqual(['x']);
    expect(profile.parameters.byFormat.map(({ format, elements }) => [format, elements])).toEqual([
      ['FP32', 4],
      ['INT8', 3],
    ]);
  });

  it('decodes negative int64 attributes', () => {
    const model = buildModel({
      opset: 13,
      graph: {
        name: 'negative_axis',
        nodes: [node('DequantizeLinear', ['w_quantized', 'w_scale'], ['w'], { attributes: [intAttribute('axis', -1)] }), node('MatMul', ['x', 'w'], ['y'])],
        initializers: [tensor('w_quantized', [2, 2], Int8Array.of(1, 2, 3, 4)), tensor('w_scale', [2], Float32Array.of(1, 2))],
        inputs: [valueInfo('x', DataType.FLOAT, ['N', 2])],
        outputs: [valueInfo('y', DataType.FLOAT, ['N', 2])],
      },
    });
    expect(profileOf(encodeModel(model)).quantization.weightScales.perChannel).toBe(1);
  });
});

describe('inspectModel on corrupt input', () => {
  const int8 = digitsFixture('int8');

  it.each([
    ['truncated in the middle of a tensor', int8.subarray(0, int8.length >> 1), /claims \d+ bytes but only \d+ remain/],
    ['truncated inside a varint', Uint8Array.of(0x3a, 0x80), /varint runs past the end/],
    ['a graph field with the varint wire type', Uint8Array.of(0x38, 0x01), /ModelProto\.graph \(field 7\) has wire type 0/],
    ['a group wire type', Uint8Array.of(0x3b), /unsupported wire type 3/],
    ['an empty buffer', new Uint8Array(0), /no graph/],
    ['text that is not a model', new TextEncoder().encode('{"not": "onnx"}'), /not a readable ONNX model/],
  ])('reports %s as a problem', (_, bytes, problem) => {
    const result = inspectModel(bytes);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatch(problem);
  });

  it('never throws on any truncation of a real model', () => {
    for (let length = 0; length < int8.length; length += 97) expect(() => inspectModel(int8.subarray(0, length))).not.toThrow();
  });
});

describe('inspectModelFile', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'onnx-inspect-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('reads a model file', async () => {
    const file = path.join(folder, 'fp8.onnx');
    writeFileSync(file, fp8Model());
    const result = await inspectModelFile(file);
    expect(result.ok && result.profile.quantization.weightFormats).toEqual({ FLOAT8E4M3FN: 1 });
  });

  it('reads a file page by page to the same profile as the whole file in memory, and reports a truncated file', async () => {
    // Five 80 KB weights: tensor data spans many 16 KiB pages between the pieces of structure the reader reads.
    const layers = 5;
    const model = buildModel({
      opset: 13,
      graph: {
        name: 'paged',
        nodes: Array.from({ length: layers }, (_, layer) => node('Add', [layer === 0 ? 'x' : `h${layer}`, `w${layer}`], [layer === layers - 1 ? 'y' : `h${layer + 1}`])),
        initializers: Array.from({ length: layers }, (_, layer) => tensor(`w${layer}`, [20_000], new Float32Array(20_000).fill(layer))),
        inputs: [valueInfo('x', DataType.FLOAT, [20_000])],
        outputs: [valueInfo('y', DataType.FLOAT, [20_000])],
      },
    });
    const bytes = encodeModel(model);
    expect(bytes.length).toBeGreaterThan(layers * 80_000);
    const file = path.join(folder, 'paged.onnx');
    writeFileSync(file, bytes);
    const paged = await inspectModelFile(file);
    expect(paged).toEqual(inspectModel(bytes));
    expect(paged.ok && paged.profile.parameters.total).toBe(layers * 20_000);
    const truncated = path.join(folder, 'truncated.onnx');
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    expect(await inspectModelFile(truncated)).toMatchObject({ ok: false, problem: expect.stringMatching(/truncated\.onnx is not a readable ONNX model: .*(truncated file|past the end)/) });
  });

  it('names the file in its problems', async () => {
    const file = path.join(folder, 'broken.onnx');
    writeFileSync(file, Uint8Array.of(0x3b));
    expect(await inspectModelFile(file)).toEqual({ ok: false, problem: `${file} is not a readable ONNX model: field 7 at byte 0 has unsupported wire type 3` });
    expect(await inspectModelFile(path.join(folder, 'missing.onnx'))).toMatchObject({ ok: false, problem: expect.stringMatching(/does not exist/) });
    expect(await inspectModelFile(folder)).toMatchObject({ ok: false, problem: expect.stringMatching(/is not a file/) });
  });
});

describe('the low-bit test models', () => {
  it.each([
    ['FP8 E4M3FN', fp8Model, [0, 1.25]],
    ['INT4', int4Model, [2.5, -4.5]],
  ])('are real: onnxruntime runs the %s one', async (_, build, expected) => {
    const session = await ort.InferenceSession.create(build());
    const { y } = await session.run({ x: new ort.Tensor('float32', Float32Array.of(1, 1), [1, 2]) });
    expect(Array.from(y?.data as Float32Array)).toEqual(expected);
    await session.release();
  });
});
