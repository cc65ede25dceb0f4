import { readFileSync } from 'node:fs';
import {
  buildModel,
  DataType,
  encodeModel,
  float16Tensor,
  intAttribute,
  node,
  onnx,
  rawTensor,
  tensorAttribute,
  tensor,
  valueInfo,
  type NodeProto,
  type TensorProto,
} from '../../../src/harness/onnx/model-builder.ts';
import { inspectModel, type ModelProfile } from '../../../src/harness/onnx/inspect.ts';

/**
 * Small models in the numerical formats the inspector must tell apart (spec harness.md §3.2 "FP8/INT4"): a 2×2 weight
 * behind DequantizeLinear feeding MatMul, plus the committed digits fixtures.
 */

export const digitsFixture = (variant: 'fp32' | 'int8' | 'fp16'): Uint8Array => readFileSync(`fixtures/harness/digits/digits-${variant}.onnx`);

/** The profile of model bytes, failing loudly if they cannot be read. */
export function profileOf(bytes: Uint8Array): ModelProfile {
  const result = inspectModel(bytes);
  if (!result.ok) throw new Error(result.problem);
  return result.profile;
}

interface LowBitWeightOptions {
  readonly opset: number;
  readonly dataType: number;
  /** The 2×2 weight's bytes as stored in `raw_data`. */
  readonly rawWeight: readonly number[];
  /** One scale per output column (per-channel, axis 1) instead of one per tensor. */
  readonly perChannelScale?: boolean;
  /** Also quantize the activation `x` through QuantizeLinear → DequantizeLinear with a zero point of this type. */
  readonly activationZeroPoint?: TensorProto;
}

/** y = x · dequantize(W): x float [N, 2], W a 2×2 weight of `dataType`. */
export function lowBitWeightModel(options: LowBitWeightOptions): Uint8Array {
  const scale = options.perChannelScale ? tensor('w_scale', [2], Float32Array.of(0.5, 0.25)) : tensor('w_scale', [], Float32Array.of(0.5));
  const weightDequantize = node('DequantizeLinear', ['w_quantized', 'w_scale'], ['w'], options.perChannelScale ? { attributes: [intAttribute('axis', 1)] } : {});
  const activation = options.activationZeroPoint;
  const activationNodes: NodeProto[] = activation
    ? [node('QuantizeLinear', ['x', 'x_scale', activation.name ?? ''], ['x_quantized']), node('DequantizeLinear', ['x_quantized', 'x_scale', activation.name ?? ''], ['x_dequantized'])]
    : [];
  return encodeModel(
    buildModel({
      opset: options.opset,
      graph: {
        name: 'low_bit_weight',
        nodes: [...activationNodes, weightDequantize, node('MatMul', [activation ? 'x_dequantized' : 'x', 'w'], ['y'])],
        initializers: [rawTensor('w_quantized', options.dataType, [2, 2], Uint8Array.from(options.rawWeight)), scale, ...(activation ? [tensor('x_scale', [], Float32Array.of(0.1)), activation] : [])],
        inputs: [valueInfo('x', DataType.FLOAT, ['N', 2])],
        outputs: [valueInfo('y', DataType.FLOAT, ['N', 2])],
      },
    }),
  );
}

/** FLOAT8E4M3FN bytes 0x38, 0x40, 0xB8, 0x30 = 1, 2, −1, 0.5 at opset 19 (IR 9). */
export const fp8Model = (options: Partial<LowBitWeightOptions> = {}): Uint8Array => lowBitWeightModel({ opset: 19, dataType: DataType.FLOAT8E4M3FN, rawWeight: [0x38, 0x40, 0xb8, 0x30], ...options });

/** INT4 values 3, −1, 2, −8 packed low nibble first at opset 21 (IR 10). */
export const int4Model = (): Uint8Array => lowBitWeightModel({ opset: 21, dataType: DataType.INT4, rawWeight: [0xf3, 0x82] });

/** FLOAT4E2M1 values 1, 2, −1, 0.5 (codes 2, 4, 10, 1) packed low nibble first; needs opset 23. */
export const fp4Model = (): Uint8Array => lowBitWeightModel({ opset: 23, dataType: DataType.FLOAT4E2M1, rawWeight: [0x42, 0x1a] });

const GRAPH = onnx.AttributeProto.AttributeType.GRAPH;

/** A graph whose If branches hold the weights: an INT8 weight behind DequantizeLinear, and a Constant node. */
export function ifSubgraphModel(): Uint8Array {
  const branchOutput = valueInfo('branch_w', DataType.FLOAT, [2, 2]);
  const thenBranch = {
    name: 'then_int8',
    node: [node('DequantizeLinear', ['then_w_quantized', 'then_w_scale'], ['branch_w'])],
    initializer: [tensor('then_w_quantized', [2, 2], Int8Array.of(1, -2, 3, -4)), tensor('then_w_scale', [], Float32Array.of(0.5))],
    output: [branchOutput],
  };
  const elseBranch = {
    name: 'else_fp16',
    node: [
      node('Constant', [], ['else_w_fp16'], { attributes: [tensorAttribute('value', float16Tensor('', [2, 2], [1, 2, 3, 4]))] }),
      node('Cast', ['else_w_fp16'], ['branch_w'], { attributes: [intAttribute('to', DataType.FLOAT)] }),
    ],
    output: [branchOutput],
  };
  return encodeModel(
    buildModel({
      opset: 13,
      graph: {
        name: 'if_weights',
        nodes: [
          node('If', ['use_int8'], ['w'], {
            attributes: [
              { name: 'then_branch', type: GRAPH, g: thenBranch },
              { name: 'else_branch', type: GRAPH, g: elseBranch },
            ],
          }),
          node('MatMul', ['x', 'w'], ['y']),
        ],
        initializers: [],
        inputs: [valueInfo('use_int8', DataType.BOOL, []), valueInfo('x', DataType.FLOAT, ['N', 2])],
        outputs: [valueInfo('y', DataType.FLOAT, ['N', 2])],
      },
    }),
  );
}

/** com.microsoft::MatMulNBits: a 32×2 weight packed as 4-bit unsigned values, one block of 32 per column. */
export function matMulNBitsModel(): Uint8Array {
  const [rows, columns, blockSize] = [32, 2, 32];
  return encodeModel(
    buildModel({
      opset: 17,
      extraOpsets: [{ domain: 'com.microsoft', version: 1 }],
      graph: {
        name: 'matmul_nbits',
        nodes: [
          node('MatMulNBits', ['x', 'b_packed', 'b_scales'], ['y'], {
            domain: 'com.microsoft',
            attributes: [intAttribute('K', rows), intAttribute('N', columns), intAttribute('bits', 4), intAttribute('block_size', blockSize)],
          }),
        ],
        initializers: [tensor('b_packed', [columns, rows / blockSize, blockSize / 2], new Uint8Array(columns * (blockSize / 2)).fill(0x98)), tensor('b_scales', [columns], Float32Array.of(0.1, 0.2))],
        inputs: [valueInfo('x', DataType.FLOAT, ['N', rows])],
        outputs: [valueInfo('y', DataType.FLOAT, ['N', columns])],
      },
    }),
  );
}
