import onnxProto from 'onnx-proto';
import type { onnx as schema } from 'onnx-proto';

/**
 * Small typed helpers over onnx-proto (ONNX 1.10 schema, protobufjs 6) for building and editing ONNX models
 * (spec harness.md §3.2, Appendix A): initializers from typed arrays, value infos with symbolic dimensions, nodes with
 * attributes, opset and IR version, encoding and decoding, and float32 → float16 conversion.
 */

/**
 * onnx-proto's message classes (`onnx.ModelProto.decode`, …), for what these helpers do not cover. The package is
 * CommonJS whose `module.exports` is the root namespace, so ESM sees it only as the default export.
 */
export const onnx = onnxProto.onnx;

export type TensorProto = schema.ITensorProto;
export type ValueInfoProto = schema.IValueInfoProto;
export type AttributeProto = schema.IAttributeProto;
export type NodeProto = schema.INodeProto;
/** A model as built or decoded here: an onnx-proto message instance. */
export type ModelProto = schema.ModelProto;

/**
 * ONNX `TensorProto.DataType` codes. onnx-proto's enum stops at BFLOAT16, but `data_type` is a plain int32 on the wire,
 * so the later codes (ONNX ≥ 1.14 float8, ≥ 1.16 4-bit, ≥ 1.18 float4) encode and decode fine.
 */
export const DataType = {
  FLOAT: 1,
  UINT8: 2,
  INT8: 3,
  UINT16: 4,
  INT16: 5,
  INT32: 6,
  INT64: 7,
  STRING: 8,
  BOOL: 9,
  FLOAT16: 10,
  DOUBLE: 11,
  UINT32: 12,
  UINT64: 13,
  COMPLEX64: 14,
  COMPLEX128: 15,
  BFLOAT16: 16,
  FLOAT8E4M3FN: 17,
  FLOAT8E4M3FNUZ: 18,
  FLOAT8E5M2: 19,
  FLOAT8E5M2FNUZ: 20,
  UINT4: 21,
  INT4: 22,
  FLOAT4E2M1: 23,
} as const;

export type DataTypeCode = (typeof DataType)[keyof typeof DataType];

/** A tensor dimension: a fixed size, or a symbolic name such as the batch dimension `N`. */
export type Dim = number | string;

/** Typed arrays whose element type fixes the ONNX data type of the tensor made from them. */
export type TensorData = Float32Array | Float64Array | Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | BigInt64Array | BigUint64Array;

const dataTypeOfArray = (data: TensorData): DataTypeCode => {
  if (data instanceof Float32Array) return DataType.FLOAT;
  if (data instanceof Float64Array) return DataType.DOUBLE;
  if (data instanceof Int8Array) return DataType.INT8;
  if (data instanceof Uint8Array) return DataType.UINT8;
  if (data instanceof Int16Array) return DataType.INT16;
  if (data instanceof Uint16Array) return DataType.UINT16;
  if (data instanceof Int32Array) return DataType.INT32;
  if (data instanceof Uint32Array) return DataType.UINT32;
  if (data instanceof BigInt64Array) return DataType.INT64;
  return DataType.UINT64;
};

const hostIsLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The elements' bytes in little-endian order, as `raw_data` requires, copied out of the array's buffer. */
function littleEndianBytes(data: TensorData): Uint8Array {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
  if (!hostIsLittleEndian && data.BYTES_PER_ELEMENT > 1) {
    for (let start = 0; start < bytes.length; start += data.BYTES_PER_ELEMENT) bytes.subarray(start, start + data.BYTES_PER_ELEMENT).reverse();
  }
  return bytes;
}

const elementCount = (dims: readonly number[]): number => dims.reduce((product, dim) => product * dim, 1);

/** A tensor of any data type from its `raw_data` bytes (already little-endian, packed as the type requires). */
export function rawTensor(name: string, dataType: number, dims: readonly number[], rawData: Uint8Array): TensorProto {
  return { name, dataType, dims: [...dims], rawData };
}

/** A tensor whose data type follows the array's element type (Float32Array → FLOAT, Int8Array → INT8, …). */
export function tensor(name: string, dims: readonly number[], data: TensorData): TensorProto {
  if (elementCount(dims) !== data.length) throw new Error(`tensor ${name}: dims [${dims.join(', ')}] hold ${elementCount(dims)} elements, data has ${data.length}`);
  return rawTensor(name, dataTypeOfArray(data), dims, littleEndianBytes(data));
}

/** A FLOAT16 tensor from float values, each rounded to the nearest half (ties to even). */
export function float16Tensor(name: string, dims: readonly number[], values: ArrayLike<number>): TensorProto {
  if (elementCount(dims) !== values.length) throw new Error(`tensor ${name}: dims [${dims.join(', ')}] hold ${elementCount(dims)} elements, data has ${values.length}`);
  return rawTensor(name, DataType.FLOAT16, dims, littleEndianBytes(toFloat16Bits(values)));
}

/** A graph input, output or intermediate value of tensor type; string dimensions are symbolic (`dim_param`). */
export function valueInfo(name: string, elemType: number, shape: readonly Dim[]): ValueInfoProto {
  const dim = shape.map((size) => (typeof size === 'string' ? { dimParam: size } : { dimValue: size }));
  return { name, type: { tensorType: { elemType, shape: { dim } } } };
}

const AttributeType = onnx.AttributeProto.AttributeType;

export const intAttribute = (name: string, value: number): AttributeProto => ({ name, type: AttributeType.INT, i: value });
export const intsAttribute = (name: string, values: readonly number[]): AttributeProto => ({ name, type: AttributeType.INTS, ints: [...values] });
export const floatAttribute = (name: string, value: number): AttributeProto => ({ name, type: AttributeType.FLOAT, f: value });
export const floatsAttribute = (name: string, values: readonly number[]): AttributeProto => ({ name, type: AttributeType.FLOATS, floats: [...values] });
export const stringAttribute = (name: string, value: string): AttributeProto => ({ name, type: AttributeType.STRING, s: new TextEncoder().encode(value) });
export const tensorAttribute = (name: string, value: TensorProto): AttributeProto => ({ name, type: AttributeType.TENSOR, t: value });

export interface NodeOptions {
  readonly attributes?: readonly AttributeProto[];
  /** Defaults to the first output's name, which is unique in a valid graph. */
  readonly name?: string;
  /** Operator set domain; empty is the default ONNX domain. */
  readonly domain?: string;
}

export function node(opType: string, inputs: readonly string[], outputs: readonly string[], options: NodeOptions = {}): NodeProto {
  return {
    opType,
    input: [...inputs],
    output: [...outputs],
    name: options.name ?? outputs[0] ?? opType,
    ...(options.domain ? { domain: options.domain } : {}),
    ...(options.attributes?.length ? { attribute: [...options.attributes] } : {}),
  };
}

export interface GraphSpec {
  readonly name: string;
  readonly nodes: readonly NodeProto[];
  readonly initializers: readonly TensorProto[];
  readonly inputs: readonly ValueInfoProto[];
  readonly outputs: readonly ValueInfoProto[];
  readonly docString?: string;
}

export interface ModelSpec {
  readonly graph: GraphSpec;
  /** Version of the default ONNX operator set. */
  readonly opset: number;
  /** Defaults to the lowest IR version that supports `opset`. */
  readonly irVersion?: number;
  /** Further operator sets, e.g. `{ domain: 'com.microsoft', version: 1 }`. */
  readonly extraOpsets?: readonly { readonly domain: string; readonly version: number }[];
  readonly producerName?: string;
  readonly producerVersion?: string;
  readonly docString?: string;
}

/** For each IR version, the highest default-domain opset of the ONNX releases that wrote it. */
const IR_VERSION_BY_OPSET: readonly (readonly [maxOpset: number, irVersion: number])[] = [
  [8, 3],
  [9, 4],
  [10, 5],
  [11, 6],
  [14, 7],
  [18, 8],
  [20, 9],
  [22, 10],
  [23, 11],
];

/** The lowest IR version a model importing `opset` of the default domain must declare. */
export function minimumIrVersion(opset: number): number {
  const entry = IR_VERSION_BY_OPSET.find(([maxOpset]) => opset <= maxOpset);
  if (!entry) throw new Error(`no known IR version for opset ${opset}`);
  return entry[1];
}

export function buildModel(spec: ModelSpec): ModelProto {
  const { graph } = spec;
  return onnx.ModelProto.create({
    irVersion: spec.irVersion ?? minimumIrVersion(spec.opset),
    opsetImport: [{ domain: '', version: spec.opset }, ...(spec.extraOpsets ?? []).map(({ domain, version }) => ({ domain, version }))],
    ...(spec.producerName ? { producerName: spec.producerName } : {}),
    ...(spec.producerVersion ? { producerVersion: spec.producerVersion } : {}),
    ...(spec.docString ? { docString: spec.docString } : {}),
    graph: {
      name: graph.name,
      node: [...graph.nodes],
      initializer: [...graph.initializers],
      input: [...graph.inputs],
      output: [...graph.outputs],
      ...(graph.docString ? { docString: graph.docString } : {}),
    },
  });
}

/** The model's protobuf bytes; the same model always encodes to the same bytes. */
export function encodeModel(model: ModelProto): Uint8Array {
  return onnx.ModelProto.encode(model).finish();
}

/** Parses a model. Large `raw_data` fields are views into `bytes`, not copies. */
export function decodeModel(bytes: Uint8Array): ModelProto {
  return onnx.ModelProto.decode(bytes);
}

/**
 * A copy of the model whose graph also outputs the named intermediate tensors, so that one inference run reports
 * them, e.g. the tensors feeding QuantizeLinear nodes for MinMax calibration (spec harness.md §4.7, Appendix A2).
 * Their types come from the graph's inputs and `value_info` when present, else they are declared as `elemType` of
 * unknown shape.
 * Names the graph already outputs are kept once.
 */
export function withGraphOutputs(model: ModelProto, names: readonly string[], elemType: number = DataType.FLOAT): ModelProto {
  const copy = decodeModel(encodeModel(model));
  const graph = copy.graph;
  if (!graph) throw new Error('the model has no graph');
  const declared = new Map([...(graph.input ?? []), ...(graph.valueInfo ?? [])].map((value) => [value.name, value]));
  const produced = new Set([...declared.keys(), ...(graph.node ?? []).flatMap((graphNode) => graphNode.output ?? [])]);
  const outputs = (graph.output ??= []);
  const outputNames = new Set(outputs.map((value) => value.name));
  for (const name of names) {
    if (!produced.has(name)) throw new Error(`no graph input or node output is named ${name}`);
    if (outputNames.has(name)) continue;
    outputNames.add(name);
    outputs.push(declared.get(name) ?? { name, type: { tensorType: { elemType } } });
  }
  return copy;
}

const float32Scratch = new Float32Array(1);
const float32BitsScratch = new Uint32Array(float32Scratch.buffer);

/**
 * IEEE 754 binary16 bits of `value` after rounding it to float32: round to nearest, ties to even; overflow gives
 * infinity, NaN stays a (quiet) NaN.
 */
export function float32ToFloat16Bits(value: number): number {
  float32Scratch[0] = value;
  const bits = float32BitsScratch[0] ?? 0;
  const sign = (bits >>> 16) & 0x8000;
  const exponent = (bits >>> 23) & 0xff;
  const mantissa = bits & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 | (mantissa >>> 13) : 0);
  const halfExponent = exponent - 127 + 15;
  if (halfExponent >= 0x1f) return sign | 0x7c00;
  // Normal halves drop 13 mantissa bits; subnormal ones (value = h·2⁻²⁴) drop more, with the implicit bit made explicit.
  const significand = halfExponent > 0 ? mantissa : mantissa | 0x800000;
  const droppedBits = halfExponent > 0 ? 13 : 14 - halfExponent;
  if (droppedBits > 24) return sign;
  const kept = halfExponent > 0 ? (halfExponent << 10) | (significand >>> 13) : significand >>> droppedBits;
  const remainder = significand % 2 ** droppedBits;
  const halfway = 2 ** (droppedBits - 1);
  // A carry out of the mantissa correctly bumps the exponent (up to infinity).
  return sign | (remainder > halfway || (remainder === halfway && kept & 1) ? kept + 1 : kept);
}

/** The value of IEEE 754 binary16 `bits`. */
export function float16BitsToFloat32(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >>> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0x1f) return mantissa ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  return sign * (1024 + mantissa) * 2 ** (exponent - 25);
}

export function toFloat16Bits(values: ArrayLike<number>): Uint16Array {
  const bits = new Uint16Array(values.length);
  for (let index = 0; index < values.length; index++) bits[index] = float32ToFloat16Bits(values[index] ?? 0);
  return bits;
}
