import { open, stat } from 'node:fs/promises';
import { DataType } from './model-builder.ts';
import { formatOfDataType, NUMERIC_FORMATS, type FormatShare, type NumericFormat } from './formats.ts';
import { bytesOf, FileBytes, MemoryBytes, varintOf, varintsOf, WireFormatError, WireReader, type ByteSource } from './wire-reader.ts';
import { FileMemo } from '../../util/file-memo.ts';

/**
 * What an ONNX model says about its numerical formats (spec harness.md §3.3, §4.8), read straight from the protobuf
 * wire format (Appendix C): tensor data is skipped by length, never copied or decoded, so a 100 MB model takes
 * milliseconds, and tensors stored outside the file (`data_location = EXTERNAL`) count by their metadata alone.
 * Subgraphs of If, Loop and Scan are walked as part of the model.
 */
export interface ModelProfile {
  readonly irVersion: number;
  readonly producer: { readonly name: string; readonly version: string };
  /** Imported operator set versions by domain; the default domain is "ai.onnx". */
  readonly opsets: Readonly<Record<string, number>>;
  /** The main graph and every subgraph. */
  readonly graphs: number;
  readonly nodes: number;
  /** Node counts by operator: "Conv" for the default domain, "com.microsoft::MatMulNBits" for others. */
  readonly operators: Readonly<Record<string, number>>;
  /**
   * Constant tensors by ONNX data type name (FLOAT, INT8, FLOAT8E4M3FN, …; UNKNOWN_<code> for codes this tool does not
   * know): initializers, sparse initializers (their stored values) and Constant node values.
   */
  readonly initializers: Readonly<Record<string, { readonly tensors: number; readonly elements: number }>>;
  /**
   * The model's parameters: constant tensors other than the scales and zero points of quantized operators. Packed
   * 4-bit weights of MatMulNBits count as their unpacked elements. Tensors of unknown data types count in `total` only.
   */
  readonly parameters: {
    readonly total: number;
    /** Canonical formats with their share of `total`, largest first. */
    readonly byFormat: readonly FormatShare[];
  };
  /** Tensors whose data lives in other files, with those files' `location` values. */
  readonly externalData: { readonly tensors: number; readonly elements: number; readonly locations: readonly string[] };
  readonly quantization: {
    /**
     * Data types of quantized constant weights: DequantizeLinear of a constant (Appendix C rule), run-time
     * QuantizeLinear of a constant, and the weight inputs of quantized operators such as QLinearConv or MatMulNBits.
     */
    readonly weightFormats: Readonly<Record<string, number>>;
    /** Scale granularity of those weights; `unknown` when the scale is computed rather than constant. */
    readonly weightScales: { readonly perTensor: number; readonly perChannel: number; readonly perBlock: number; readonly unknown: number };
    /** Data types of activation quantization points (QuantizeLinear of a computed tensor, or an unpaired DequantizeLinear). */
    readonly activationFormats: Readonly<Record<string, number>>;
    /** Quantized operators other than QuantizeLinear / DequantizeLinear (QLinearConv, com.microsoft::QGemm, …) by count. */
    readonly quantizedOperators: Readonly<Record<string, number>>;
  };
  /** `Cast` target data types by count. */
  readonly castTargets: Readonly<Record<string, number>>;
  readonly inputs: readonly GraphValue[];
  readonly outputs: readonly GraphValue[];
}

export interface GraphValue {
  readonly name: string;
  /** ONNX data type name of a tensor value; NON_TENSOR for sequences, maps and optionals. */
  readonly dataType: string;
  /** Fixed sizes, symbolic names, or null for an unnamed unknown dimension; null when the rank is unknown. */
  readonly shape: readonly (number | string | null)[] | null;
}

export type InspectResult = { readonly ok: true; readonly profile: ModelProfile } | { readonly ok: false; readonly problem: string };

const DATA_TYPE_NAMES: ReadonlyMap<number, string> = new Map(Object.entries(DataType).map(([name, code]) => [code, name]));

export function dataTypeName(code: number): string {
  return DATA_TYPE_NAMES.get(code) ?? `UNKNOWN_${code}`;
}

/** Node.js refuses to read a file of 2 GiB or more into one buffer; such models keep their weights in external data. */
export const MAX_MODEL_FILE_BYTES = 2 ** 31 - 1;

/** Profiles a model's bytes; a corrupt or truncated file gives a problem, never an exception. */
export function inspectModel(bytes: Uint8Array): InspectResult {
  return inspectBytes(new MemoryBytes(bytes));
}

function inspectBytes(bytes: ByteSource): InspectResult {
  try {
    return { ok: true, profile: profileOf(scanModel(new WireReader(bytes))) };
  } catch (error) {
    const reason = error instanceof WireFormatError ? error.message : `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
    return { ok: false, problem: `not a readable ONNX model: ${reason}` };
  }
}

/** Reads and profiles a model file of under 2 GiB (larger models must keep their tensors in external data files). */
export async function inspectModelFile(path: string): Promise<InspectResult> {
  let size: number;
  try {
    const file = await stat(path);
    if (!file.isFile()) return { ok: false, problem: `${path} is not a file` };
    size = file.size;
  } catch {
    return { ok: false, problem: `${path} does not exist` };
  }
  if (size > MAX_MODEL_FILE_BYTES) return { ok: false, problem: `${path} is ${size} bytes; models of 2 GiB or more must store their tensors as external data (data_location = EXTERNAL)` };
  // Several division rules inspect the same submitted model for every result that uses it: read and scan it once.
  return inspectedFiles.get([path], async () => {
    try {
      const handle = await open(path, 'r');
      try {
        // Page by page: only the model's structure is read, never the tensor data it skips.
        const result = inspectBytes(new FileBytes(handle.fd, size));
        return result.ok ? result : { ok: false, problem: `${path} is ${result.problem}` };
      } finally {
        await handle.close();
      }
    } catch (cause) {
      return { ok: false, problem: `${path} cannot be read (${(cause as NodeJS.ErrnoException).code ?? String(cause)})` };
    }
  });
}

const inspectedFiles = new FileMemo<InspectResult>();

interface ConstantTensor {
  readonly name: string;
  readonly dataType: number;
  readonly elements: number;
  readonly externalLocation: string | undefined;
}

interface ScannedNode {
  readonly opType: string;
  readonly domain: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly intAttributes: ReadonlyMap<string, number>;
}

interface ScannedModel {
  irVersion: number;
  producerName: string;
  producerVersion: string;
  readonly opsets: Map<string, number>;
  graphs: number;
  readonly nodes: ScannedNode[];
  readonly constants: ConstantTensor[];
  readonly inputs: GraphValue[];
  readonly outputs: GraphValue[];
}

/** Deeper nesting is no real model's and would only exhaust the stack. */
const MAX_SUBGRAPH_DEPTH = 32;

// Field numbers from onnx.proto (ONNX 1.10+).
function scanModel(reader: WireReader): ScannedModel {
  const model: ScannedModel = { irVersion: 0, producerName: '', producerVersion: '', opsets: new Map(), graphs: 0, nodes: [], constants: [], inputs: [], outputs: [] };
  let hasGraph = false;
  for (const field of reader.fields()) {
    if (field.field === 1) model.irVersion = varintOf(field, 'ModelProto.ir_version');
    else if (field.field === 2) model.producerName = bytesOf(field, 'ModelProto.producer_name').text();
    else if (field.field === 3) model.producerVersion = bytesOf(field, 'ModelProto.producer_version').text();
    else if (field.field === 7) {
      scanGraph(bytesOf(field, 'ModelProto.graph'), model, 0);
      hasGraph = true;
    } else if (field.field === 8) scanOpset(bytesOf(field, 'ModelProto.opset_import'), model.opsets);
  }
  if (!hasGraph) throw new WireFormatError('the model has no graph');
  return model;
}

function scanOpset(reader: WireReader, opsets: Map<string, number>): void {
  let domain = '';
  let version = 0;
  for (const field of reader.fields()) {
    if (field.field === 1) domain = bytesOf(field, 'OperatorSetIdProto.domain').text();
    else if (field.field === 2) version = varintOf(field, 'OperatorSetIdProto.version');
  }
  opsets.set(domainName(domain), version);
}

function scanGraph(reader: WireReader, model: ScannedModel, depth: number): void {
  if (depth > MAX_SUBGRAPH_DEPTH) throw new WireFormatError(`subgraphs nested more than ${MAX_SUBGRAPH_DEPTH} deep`);
  model.graphs++;
  const isMain = depth === 0;
  for (const field of reader.fields()) {
    if (field.field === 1) model.nodes.push(scanNode(bytesOf(field, 'GraphProto.node'), model, depth));
    else if (field.field === 5) model.constants.push(scanTensor(bytesOf(field, 'GraphProto.initializer')));
    else if (field.field === 15) model.constants.push(scanSparseTensor(bytesOf(field, 'GraphProto.sparse_initializer')));
    else if (isMain && field.field === 11) model.inputs.push(scanValueInfo(bytesOf(field, 'GraphProto.input')));
    else if (isMain && field.field === 12) model.outputs.push(scanValueInfo(bytesOf(field, 'GraphProto.output')));
  }
}

function scanNode(reader: WireReader, model: ScannedModel, depth: number): ScannedNode {
  const inputs: string[] = [];
  const outputs: string[] = [];
  const intAttributes = new Map<string, number>();
  const attributeTensors = new Map<string, ConstantTensor>();
  let opType = '';
  let domain = '';
  for (const field of reader.fields()) {
    if (field.field === 1) inputs.push(bytesOf(field, 'NodeProto.input').text());
    else if (field.field === 2) outputs.push(bytesOf(field, 'NodeProto.output').text());
    else if (field.field === 4) opType = bytesOf(field, 'NodeProto.op_type').text();
    else if (field.field === 7) domain = bytesOf(field, 'NodeProto.domain').text();
    else if (field.field === 5) scanAttribute(bytesOf(field, 'NodeProto.attribute'), model, depth, intAttributes, attributeTensors);
  }
  // A Constant node's `value` is a constant tensor like an initializer, named by the node's output.
  const value = attributeTensors.get('value');
  if (opType === 'Constant' && value && outputs[0] !== undefined) model.constants.push({ ...value, name: outputs[0] });
  return { opType, domain, inputs, outputs, intAttributes };
}

function scanAttribute(reader: WireReader, model: ScannedModel, depth: number, intAttributes: Map<string, number>, tensors: Map<string, ConstantTensor>): void {
  let name = '';
  let intValue: number | undefined;
  let tensor: ConstantTensor | undefined;
  for (const field of reader.fields()) {
    if (field.field === 1) name = bytesOf(field, 'AttributeProto.name').text();
    else if (field.field === 3) intValue = varintOf(field, 'AttributeProto.i');
    else if (field.field === 5) tensor = scanTensor(bytesOf(field, 'AttributeProto.t'));
    else if (field.field === 6 || field.field === 11) scanGraph(bytesOf(field, 'AttributeProto.g'), model, depth + 1);
  }
  if (intValue !== undefined) intAttributes.set(name, intValue);
  if (tensor) tensors.set(name, tensor);
}

function scanTensor(reader: WireReader): ConstantTensor {
  let elements = 1;
  let dataType = 0;
  let name = '';
  let external = false;
  let externalLocation: string | undefined;
  for (const field of reader.fields()) {
    if (field.field === 1) elements = varintsOf(field).reduce((product, dim) => product * dim, elements);
    else if (field.field === 2) dataType = varintOf(field, 'TensorProto.data_type');
    else if (field.field === 8) name = bytesOf(field, 'TensorProto.name').text();
    else if (field.field === 14) external = varintOf(field, 'TensorProto.data_location') === 1;
    else if (field.field === 13) {
      const entry = scanStringEntry(bytesOf(field, 'TensorProto.external_data'));
      if (entry.key === 'location') externalLocation = entry.value;
    }
  }
  return { name, dataType, elements, externalLocation: external ? (externalLocation ?? '') : undefined };
}

function scanStringEntry(reader: WireReader): { key: string; value: string } {
  let key = '';
  let value = '';
  for (const field of reader.fields()) {
    if (field.field === 1) key = bytesOf(field, 'StringStringEntryProto.key').text();
    else if (field.field === 2) value = bytesOf(field, 'StringStringEntryProto.value').text();
  }
  return { key, value };
}

/** A sparse tensor counts its stored (non-zero) values, named after them. */
function scanSparseTensor(reader: WireReader): ConstantTensor {
  for (const field of reader.fields()) {
    if (field.field === 1) return scanTensor(bytesOf(field, 'SparseTensorProto.values'));
  }
  throw new WireFormatError('a sparse initializer has no values');
}

function scanValueInfo(reader: WireReader): GraphValue {
  let name = '';
  let dataType = 'NON_TENSOR';
  let shape: (number | string | null)[] | null = null;
  for (const field of reader.fields()) {
    if (field.field === 1) name = bytesOf(field, 'ValueInfoProto.name').text();
    else if (field.field === 2) {
      for (const typeField of bytesOf(field, 'ValueInfoProto.type').fields()) {
        // TypeProto.tensor_type and sparse_tensor_type share their layout: 1 elem_type, 2 shape.
        if (typeField.field !== 1 && typeField.field !== 8) continue;
        dataType = dataTypeName(0);
        for (const tensorField of bytesOf(typeField, 'TypeProto.tensor_type').fields()) {
          if (tensorField.field === 1) dataType = dataTypeName(varintOf(tensorField, 'TypeProto.Tensor.elem_type'));
          else if (tensorField.field === 2) shape = scanShape(bytesOf(tensorField, 'TypeProto.Tensor.shape'));
        }
      }
    }
  }
  return { name, dataType, shape };
}

function scanShape(reader: WireReader): (number | string | null)[] {
  const shape: (number | string | null)[] = [];
  for (const field of reader.fields()) {
    if (field.field !== 1) continue;
    let dim: number | string | null = null;
    for (const dimField of bytesOf(field, 'TensorShapeProto.dim').fields()) {
      if (dimField.field === 1) dim = varintOf(dimField, 'Dimension.dim_value');
      else if (dimField.field === 2) dim = bytesOf(dimField, 'Dimension.dim_param').text();
    }
    shape.push(dim);
  }
  return shape;
}

const domainName = (domain: string): string => (domain === '' ? 'ai.onnx' : domain);
const operatorKey = (node: ScannedNode): string => (node.domain === '' || node.domain === 'ai.onnx' ? node.opType : `${node.domain}::${node.opType}`);

/**
 * Operators that consume quantized tensors: which input is the (usually constant) weight, which one its scale, and
 * which inputs are scales and zero points, which are quantization metadata rather than parameters. Blockwise
 * operators always scale per block.
 */
interface QuantizedOperator {
  readonly weight?: number;
  readonly weightScale?: number;
  readonly blockwise?: boolean;
  readonly quantizationInputs: readonly number[];
}

const QUANTIZE_DEQUANTIZE: QuantizedOperator = { weight: 0, weightScale: 1, quantizationInputs: [1, 2] };
const QLINEAR_BINARY: QuantizedOperator = { quantizationInputs: [1, 2, 4, 5, 6, 7] };
const QLINEAR_UNARY: QuantizedOperator = { quantizationInputs: [1, 2, 3, 4] };

const QUANTIZED_OPERATORS: ReadonlyMap<string, QuantizedOperator> = new Map([
  ['QuantizeLinear', QUANTIZE_DEQUANTIZE],
  ['DequantizeLinear', QUANTIZE_DEQUANTIZE],
  ['com.microsoft::QuantizeLinear', QUANTIZE_DEQUANTIZE],
  ['com.microsoft::DequantizeLinear', QUANTIZE_DEQUANTIZE],
  ['QLinearConv', { weight: 3, weightScale: 4, quantizationInputs: [1, 2, 4, 5, 6, 7] }],
  ['QLinearMatMul', { weight: 3, weightScale: 4, quantizationInputs: [1, 2, 4, 5, 6, 7] }],
  ['ConvInteger', { weight: 1, quantizationInputs: [2, 3] }],
  ['MatMulInteger', { weight: 1, quantizationInputs: [2, 3] }],
  ['com.microsoft::QLinearConv', { weight: 3, weightScale: 4, quantizationInputs: [1, 2, 4, 5, 6, 7] }],
  ['com.microsoft::QGemm', { weight: 3, weightScale: 4, quantizationInputs: [1, 2, 4, 5, 7, 8] }],
  ['com.microsoft::QAttention', { weight: 1, weightScale: 4, quantizationInputs: [3, 4, 6, 7] }],
  ['com.microsoft::MatMulNBits', { weight: 1, blockwise: true, quantizationInputs: [2, 3] }],
  ['com.microsoft::MatMulBnb4', { weight: 1, blockwise: true, quantizationInputs: [2] }],
  ['com.microsoft::GatherBlockQuantized', { weight: 0, blockwise: true, quantizationInputs: [2, 3] }],
  ['com.microsoft::DynamicQuantizeMatMul', { weight: 1, weightScale: 2, quantizationInputs: [2, 3] }],
  ['com.microsoft::MatMulIntegerToFloat', { weight: 1, weightScale: 3, quantizationInputs: [2, 3, 4, 5] }],
  ['com.microsoft::QLinearAdd', QLINEAR_BINARY],
  ['com.microsoft::QLinearMul', QLINEAR_BINARY],
  ['com.microsoft::QLinearWhere', { quantizationInputs: [2, 3, 5, 6, 7, 8] }],
  ['com.microsoft::QLinearConcat', { quantizationInputs: [0, 1] }],
  ['com.microsoft::QLinearAveragePool', QLINEAR_UNARY],
  ['com.microsoft::QLinearGlobalAveragePool', QLINEAR_UNARY],
  ['com.microsoft::QLinearLeakyRelu', QLINEAR_UNARY],
  ['com.microsoft::QLinearSigmoid', QLINEAR_UNARY],
  ['com.microsoft::QLinearSoftmax', QLINEAR_UNARY],
  ['com.microsoft::QLinearReduceMean', QLINEAR_UNARY],
]);

const isQuantizeOrDequantize = (opType: string): boolean => opType === 'QuantizeLinear' || opType === 'DequantizeLinear';

/** MatMulNBits packs `bits`-bit unsigned weights into UINT8 bytes; its attributes K and N give the unpacked size. */
function unpackedNBitsWeight(node: ScannedNode): { dataType: number; elements: number } | undefined {
  const bits = node.intAttributes.get('bits') ?? 4;
  const elements = (node.intAttributes.get('K') ?? 0) * (node.intAttributes.get('N') ?? 0);
  if (bits === 4 && elements > 0) return { dataType: DataType.UINT4, elements };
  return undefined;
}

function profileOf(model: ScannedModel): ModelProfile {
  const constants = new Map(model.constants.map((tensor) => [tensor.name, tensor]));
  const operators = new Counter();
  const castTargets = new Counter();
  const weightFormats = new Counter();
  const activationFormats = new Counter();
  const quantizedOperators = new Counter();
  const weightScales = { perTensor: 0, perChannel: 0, perBlock: 0, unknown: 0 };
  const quantizationParameters = new Set<string>();
  const unpackedWeights = new Map<string, { dataType: number; elements: number }>();
  const quantizeOutputs = new Set(model.nodes.filter((node) => node.opType === 'QuantizeLinear').flatMap((node) => node.outputs));

  /** The data type a quantize/dequantize node works in: its zero point's, else `output_dtype`, else UINT8 (ONNX default). */
  const quantizedDataType = (node: ScannedNode): number => {
    const zeroPoint = node.inputs[2] ? constants.get(node.inputs[2]) : undefined;
    return zeroPoint?.dataType ?? node.intAttributes.get('output_dtype') ?? DataType.UINT8;
  };

  for (const node of model.nodes) {
    const key = operatorKey(node);
    operators.add(key);
    if (node.opType === 'Cast') castTargets.add(dataTypeName(node.intAttributes.get('to') ?? 0));
    const quantized = QUANTIZED_OPERATORS.get(key);
    if (!quantized) continue;
    for (const index of quantized.quantizationInputs) {
      const input = node.inputs[index];
      if (input) quantizationParameters.add(input);
    }
    if (!isQuantizeOrDequantize(node.opType)) quantizedOperators.add(key);

    const weightName = quantized.weight === undefined ? undefined : node.inputs[quantized.weight];
    const weight = weightName === undefined ? undefined : constants.get(weightName);
    if (!weight) {
      const isUnpairedActivation = node.opType === 'QuantizeLinear' || (node.opType === 'DequantizeLinear' && !quantizeOutputs.has(node.inputs[0] ?? ''));
      if (isQuantizeOrDequantize(node.opType) && isUnpairedActivation) activationFormats.add(dataTypeName(quantizedDataType(node)));
      continue;
    }
    const unpacked = key === 'com.microsoft::MatMulNBits' ? unpackedNBitsWeight(node) : undefined;
    if (unpacked) unpackedWeights.set(weight.name, unpacked);
    weightFormats.add(dataTypeName(unpacked?.dataType ?? (node.opType === 'QuantizeLinear' ? quantizedDataType(node) : weight.dataType)));

    const scaleName = quantized.weightScale === undefined ? undefined : node.inputs[quantized.weightScale];
    const scale = scaleName === undefined ? undefined : constants.get(scaleName);
    if (quantized.blockwise || (node.intAttributes.get('block_size') ?? 0) > 0) weightScales.perBlock++;
    else if (!scale) weightScales.unknown++;
    else if (scale.elements > 1) weightScales.perChannel++;
    else weightScales.perTensor++;
  }

  const initializers = new Map<string, { tensors: number; elements: number }>();
  const parameterElements = new Map<NumericFormat, number>();
  let totalParameters = 0;
  const external = { tensors: 0, elements: 0, locations: new Set<string>() };
  for (const tensor of model.constants) {
    const histogram = initializers.get(dataTypeName(tensor.dataType)) ?? { tensors: 0, elements: 0 };
    histogram.tensors++;
    histogram.elements += tensor.elements;
    initializers.set(dataTypeName(tensor.dataType), histogram);
    if (tensor.externalLocation !== undefined) {
      external.tensors++;
      external.elements += tensor.elements;
      external.locations.add(tensor.externalLocation);
    }
    if (quantizationParameters.has(tensor.name)) continue;
    const { dataType, elements } = unpackedWeights.get(tensor.name) ?? tensor;
    totalParameters += elements;
    const format = formatOfDataType(dataType);
    if (format) parameterElements.set(format, (parameterElements.get(format) ?? 0) + elements);
  }
  const byFormat = [...parameterElements]
    .map(([format, elements]) => ({ format, elements, share: totalParameters > 0 ? elements / totalParameters : 0 }))
    .sort((a, b) => b.elements - a.elements || NUMERIC_FORMATS.indexOf(a.format) - NUMERIC_FORMATS.indexOf(b.format));

  const initializerNames = new Set(model.constants.map((tensor) => tensor.name));
  return {
    irVersion: model.irVersion,
    producer: { name: model.producerName, version: model.producerVersion },
    opsets: Object.fromEntries([...model.opsets].sort(([a], [b]) => a.localeCompare(b))),
    graphs: model.graphs,
    nodes: model.nodes.length,
    operators: operators.toRecord(),
    initializers: Object.fromEntries([...initializers].sort(([a], [b]) => a.localeCompare(b))),
    parameters: { total: totalParameters, byFormat },
    externalData: { tensors: external.tensors, elements: external.elements, locations: [...external.locations].sort() },
    quantization: { weightFormats: weightFormats.toRecord(), weightScales, activationFormats: activationFormats.toRecord(), quantizedOperators: quantizedOperators.toRecord() },
    castTargets: castTargets.toRecord(),
    // IR < 4 models also list their initializers as graph inputs; those are not inputs a caller feeds.
    inputs: model.inputs.filter((input) => !initializerNames.has(input.name)),
    outputs: model.outputs,
  };
}

class Counter {
  readonly #counts = new Map<string, number>();

  add(key: string): void {
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
  }

  toRecord(): Record<string, number> {
    return Object.fromEntries([...this.#counts].sort(([a], [b]) => a.localeCompare(b)));
  }
}
