import { DataType, decodeModel, float16BitsToFloat32, type ModelProto, type NodeProto, type TensorProto } from '../harness/onnx/model-builder.ts';

/**
 * Weight equivalence between a submitted ONNX model and the reference one (spec harness.md §4.8 point 4; rules §8.2:
 * no "wholesale weight replacement or supplements", no "discarding non-zero weight elements, including pruning";
 * §8.1: quantized weights "must preserve the same shape modulo padding"). Each submitted weight is dequantized to real
 * values and must stay within one quantization step (RMS) of its reference tensor.
 */

/** What is wrong with one reference tensor's counterpart. */
export type WeightIssue =
  /** RMS error above the RMS quantization step: other values than the reference's. */
  | 'replaced'
  /** Elements that are non-zero in the reference, beyond rounding to zero, are zero; the others are not replaced. */
  | 'pruned'
  /** The shape differs beyond zero padding (or the padding holds non-zero values). */
  | 'reshaped'
  /** No submitted tensor has this tensor's name or shape. */
  | 'unmatched'
  /** The counterpart's storage cannot be read (external data, blocked quantization, unknown element type). */
  | 'undecodable';

export type QuantizationGranularity = 'none' | 'per-tensor' | 'per-channel';

export interface WeightFinding {
  /** The reference tensor's name. */
  readonly reference: string;
  /** The submitted tensor's name as the graph uses it (a DequantizeLinear or Cast output, else the initializer). */
  readonly submitted?: string;
  readonly matchedBy?: 'name' | 'shape-order';
  readonly referenceDims: readonly number[];
  readonly submittedDims?: readonly number[];
  /** The submitted tensor's stored element type (`INT8`, `FLOAT16`, …) and quantization. */
  readonly storedAs?: { readonly dataType: string; readonly quantization: QuantizationGranularity };
  /** Reference elements compared (all of them unless the shapes are incompatible). */
  readonly comparedElements: number;
  /** RMS of the reference tensor. */
  readonly referenceRms: number;
  /** RMS(submitted − reference), over the elements not counted as zeroed. */
  readonly rmsError: number;
  /** RMS of the per-element quantization step: the bound `rmsError` must stay within. */
  readonly rmsStep: number;
  /** rmsError / referenceRms and rmsStep / referenceRms; absent when the reference is all zeros. */
  readonly relativeRmsError?: number;
  readonly relativeStep?: number;
  /** Elements off by more than their own step (clipping or a partial replacement). */
  readonly elementsBeyondStep: number;
  /** Elements non-zero in the reference (by more than their step) that are zero in the submission. */
  readonly zeroedElements: number;
  /** zeroedElements / the reference's non-zero elements. */
  readonly zeroedFraction: number;
  /** The submitted tensor is the reference zero-padded along some axes. */
  readonly padded: boolean;
  readonly issues: readonly WeightIssue[];
  readonly detail?: string;
}

export interface WeightEquivalenceSummary {
  readonly referenceTensors: number;
  readonly equivalent: number;
  readonly replaced: number;
  readonly pruned: number;
  readonly reshaped: number;
  readonly unmatched: number;
  readonly undecodable: number;
  /** Submitted weights mapped to no reference tensor (possible supplements). */
  readonly extra: number;
}

export type WeightEquivalenceResult =
  | {
      readonly status: 'compared';
      readonly findings: readonly WeightFinding[];
      /** Names of the submitted weights that no reference tensor maps to. */
      readonly extra: readonly string[];
      readonly summary: WeightEquivalenceSummary;
    }
  | { readonly status: 'cannot-compare'; readonly reason: string };

// ── Reading stored elements ──────────────────────────────────────────────────────────────────────────────────────

/** Distance between adjacent values of a float format near `value`: 2^(exponent − mantissa bits), subnormals included. */
function floatSpacing(value: number, mantissaBits: number, minNormalExponent: number): number {
  const exponent = value === 0 || !Number.isFinite(value) ? minNormalExponent : Math.max(Math.floor(Math.log2(Math.abs(value))), minNormalExponent);
  return 2 ** (exponent - mantissaBits);
}

function float8E4M3FnToNumber(byte: number): number {
  const sign = byte & 0x80 ? -1 : 1;
  const exponent = (byte >>> 3) & 0xf;
  const mantissa = byte & 0x7;
  if (exponent === 0xf && mantissa === 0x7) return Number.NaN;
  return exponent === 0 ? sign * mantissa * 2 ** -9 : sign * (8 + mantissa) * 2 ** (exponent - 10);
}

const bfloat16Scratch = new DataView(new ArrayBuffer(4));
function bfloat16ToNumber(bits: number): number {
  bfloat16Scratch.setUint32(0, bits << 16);
  return bfloat16Scratch.getFloat32(0);
}

interface ElementFormat {
  readonly name: string;
  /** Bits per element in `raw_data`. */
  readonly bits: 4 | 8 | 16 | 32 | 64;
  /** The element at `index` of little-endian `raw_data`. */
  readonly readRaw: (view: DataView, index: number) => number;
  /** The element from its entry in `int32_data` (or `float_data`, `double_data`); absent for packed 4-bit types. */
  readonly fromTypedField?: (entry: number) => number;
  /** Distance to the neighbouring representable value: the rounding step of this format. */
  readonly spacing: (value: number) => number;
}

const INTEGER_SPACING = (): number => 1;
const identity = (entry: number): number => entry;
const nibble = (view: DataView, index: number): number => (view.getUint8(index >>> 1) >>> ((index & 1) * 4)) & 0xf;

const ELEMENT_FORMATS: ReadonlyMap<number, ElementFormat> = new Map<number, ElementFormat>([
  [DataType.FLOAT, { name: 'FLOAT', bits: 32, readRaw: (view, index) => view.getFloat32(index * 4, true), fromTypedField: identity, spacing: (value) => floatSpacing(value, 23, -126) }],
  [DataType.DOUBLE, { name: 'DOUBLE', bits: 64, readRaw: (view, index) => view.getFloat64(index * 8, true), fromTypedField: identity, spacing: (value) => floatSpacing(value, 52, -1022) }],
  [
    DataType.FLOAT16,
    { name: 'FLOAT16', bits: 16, readRaw: (view, index) => float16BitsToFloat32(view.getUint16(index * 2, true)), fromTypedField: float16BitsToFloat32, spacing: (value) => floatSpacing(value, 10, -14) },
  ],
  [
    DataType.BFLOAT16,
    { name: 'BFLOAT16', bits: 16, readRaw: (view, index) => bfloat16ToNumber(view.getUint16(index * 2, true)), fromTypedField: bfloat16ToNumber, spacing: (value) => floatSpacing(value, 7, -126) },
  ],
  [
    DataType.FLOAT8E4M3FN,
    { name: 'FLOAT8E4M3FN', bits: 8, readRaw: (view, index) => float8E4M3FnToNumber(view.getUint8(index)), fromTypedField: float8E4M3FnToNumber, spacing: (value) => floatSpacing(value, 3, -6) },
  ],
  // E5M2 is the upper byte of a binary16.
  [
    DataType.FLOAT8E5M2,
    {
      name: 'FLOAT8E5M2',
      bits: 8,
      readRaw: (view, index) => float16BitsToFloat32(view.getUint8(index) << 8),
      fromTypedField: (entry) => float16BitsToFloat32(entry << 8),
      spacing: (value) => floatSpacing(value, 2, -14),
    },
  ],
  [DataType.INT8, { name: 'INT8', bits: 8, readRaw: (view, index) => view.getInt8(index), fromTypedField: identity, spacing: INTEGER_SPACING }],
  [DataType.UINT8, { name: 'UINT8', bits: 8, readRaw: (view, index) => view.getUint8(index), fromTypedField: identity, spacing: INTEGER_SPACING }],
  [DataType.INT16, { name: 'INT16', bits: 16, readRaw: (view, index) => view.getInt16(index * 2, true), fromTypedField: identity, spacing: INTEGER_SPACING }],
  [DataType.UINT16, { name: 'UINT16', bits: 16, readRaw: (view, index) => view.getUint16(index * 2, true), fromTypedField: identity, spacing: INTEGER_SPACING }],
  [DataType.INT32, { name: 'INT32', bits: 32, readRaw: (view, index) => view.getInt32(index * 4, true), fromTypedField: identity, spacing: INTEGER_SPACING }],
  // 4-bit types pack two elements a byte, low nibble first.
  [DataType.UINT4, { name: 'UINT4', bits: 4, readRaw: nibble, spacing: INTEGER_SPACING }],
  [DataType.INT4, { name: 'INT4', bits: 4, readRaw: (view, index) => (nibble(view, index) << 28) >> 28, spacing: INTEGER_SPACING }],
]);

const FLOATING_TYPES: ReadonlySet<number> = new Set([DataType.FLOAT, DataType.DOUBLE, DataType.FLOAT16, DataType.BFLOAT16]);

type Int64 = number | { toNumber(): number };
const toNumber = (value: Int64): number => (typeof value === 'number' ? value : value.toNumber());
const dimsOf = (stored: TensorProto): number[] => (stored.dims ?? []).map(toNumber);
const elementCount = (dims: readonly number[]): number => dims.reduce((product, dim) => product * dim, 1);
const EXTERNAL_DATA = 1;

/** Elements are kept as float32, as runtimes compute with them: half the memory of doubles for large models. */
interface StoredTensor {
  readonly format: ElementFormat;
  readonly dims: number[];
  readonly values: Float32Array;
}

/** The tensor's elements as numbers, or why they cannot be read. */
function readStored(stored: TensorProto): StoredTensor | string {
  const format = ELEMENT_FORMATS.get(stored.dataType ?? 0);
  if (!format) return `element type ${stored.dataType} is not supported`;
  if (stored.dataLocation === EXTERNAL_DATA) return 'its data is stored outside the model file';
  const dims = dimsOf(stored);
  const count = elementCount(dims);
  const values = new Float32Array(count);
  const raw = stored.rawData;
  if (raw && raw.length > 0) {
    if (raw.length * 8 < count * format.bits) return `raw_data holds ${raw.length} bytes, too few for ${count} ${format.name} elements`;
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    for (let index = 0; index < count; index++) values[index] = format.readRaw(view, index);
    return { format, dims, values };
  }
  const { fromTypedField } = format;
  if (!fromTypedField) return `${format.name} elements outside raw_data are not supported`;
  const field = (stored.dataType === DataType.FLOAT ? stored.floatData : stored.dataType === DataType.DOUBLE ? stored.doubleData : stored.int32Data) ?? [];
  if (field.length !== count) return `holds ${field.length} elements, its dims ${count}`;
  field.forEach((entry, index) => (values[index] = fromTypedField(entry)));
  return { format, dims, values };
}

// ── The weights of a model ───────────────────────────────────────────────────────────────────────────────────────

interface WeightTensor {
  /** The name the graph uses for the real-valued tensor. */
  readonly name: string;
  /** Every name it goes by: the stored initializer's too. */
  readonly names: ReadonlySet<string>;
  readonly dims: readonly number[];
  readonly dataType: string;
  readonly quantization: QuantizationGranularity;
  /** Real values and, per element, the quantization step; or why they cannot be read. */
  readonly decoded: { readonly values: Float32Array; readonly steps: Float32Array } | string;
}

const attributeInt = (graphNode: NodeProto, name: string): number | undefined => {
  const attribute = graphNode.attribute?.find((candidate) => candidate.name === name);
  return attribute?.i === undefined || attribute.i === null ? undefined : toNumber(attribute.i);
};

/** A weight stored as it is used (maybe after a Cast): its step is its own format's rounding step. */
function plainWeight(name: string, initializer: TensorProto): WeightTensor {
  const names = new Set([name, initializer.name ?? name]);
  const stored = readStored(initializer);
  if (typeof stored === 'string') return { name, names, dims: dimsOf(initializer), dataType: String(initializer.dataType), quantization: 'none', decoded: stored };
  const steps = stored.values.map((value) => stored.format.spacing(value));
  return { name, names, dims: stored.dims, dataType: stored.format.name, quantization: 'none', decoded: { values: stored.values, steps } };
}

/** DequantizeLinear: (q − zero point) · scale, per tensor or per channel along `axis`; the step is scale · format spacing. */
function dequantizedWeight(graphNode: NodeProto, quantizedInitializer: TensorProto, initializers: ReadonlyMap<string, TensorProto>): WeightTensor {
  const [quantizedName = '', scaleName = '', zeroPointName = ''] = graphNode.input ?? [];
  const name = graphNode.output?.[0] ?? quantizedName;
  const dims = dimsOf(quantizedInitializer);
  const base = { name, names: new Set([name, quantizedName]), dims, dataType: ELEMENT_FORMATS.get(quantizedInitializer.dataType ?? 0)?.name ?? String(quantizedInitializer.dataType) };
  // The zero point is optional (then 0); the scale is not.
  const readParameter = (parameterName: string): StoredTensor | string | undefined => {
    const parameter = initializers.get(parameterName);
    return parameter ? readStored(parameter) : parameterName ? `${parameterName} is not an initializer` : undefined;
  };
  const quantized = readStored(quantizedInitializer);
  const scale = readParameter(scaleName) ?? 'the scale is missing';
  const zeroPoint = readParameter(zeroPointName);
  const quantization: QuantizationGranularity = typeof scale !== 'string' && scale.values.length > 1 ? 'per-channel' : 'per-tensor';
  const unreadable = (reason: string): WeightTensor => ({ ...base, quantization, decoded: reason });
  if (typeof quantized === 'string') return unreadable(quantized);
  if (typeof scale === 'string') return unreadable(scale);
  if (typeof zeroPoint === 'string') return unreadable(zeroPoint);
  const scales = scale.values;
  if ((attributeInt(graphNode, 'block_size') ?? 0) > 0) return unreadable('blocked quantization is not supported');
  const axisAttribute = attributeInt(graphNode, 'axis') ?? 1;
  const axis = axisAttribute < 0 ? axisAttribute + dims.length : axisAttribute;
  const channels = scales.length;
  if (channels > 1 && dims[axis] !== channels) return unreadable(`${channels} scales for axis ${axis} of size ${dims[axis]}`);
  const inner = elementCount(dims.slice(axis + 1));
  const zeroPoints = zeroPoint?.values;
  const values = new Float32Array(quantized.values.length);
  const steps = new Float32Array(quantized.values.length);
  quantized.values.forEach((q, index) => {
    const channel = channels > 1 ? Math.floor(index / inner) % channels : 0;
    const channelScale = scales[channel] ?? 0;
    values[index] = (q - (zeroPoints?.[channel] ?? 0)) * channelScale;
    steps[index] = Math.abs(channelScale) * quantized.format.spacing(q);
  });
  return { ...base, quantization, decoded: { values, steps } };
}

/**
 * A model's weights, in graph order: DequantizeLinear and Cast outputs of initializers, and the floating-point
 * initializers used directly. Initializers feeding a quantizer's scale or zero point are quantization parameters.
 */
function modelWeights(model: ModelProto): WeightTensor[] {
  const graph = model.graph;
  const initializers = new Map((graph?.initializer ?? []).map((stored) => [stored.name ?? '', stored]));
  const consumed = new Set<string>();
  const weights: WeightTensor[] = [];
  for (const graphNode of graph?.node ?? []) {
    const [first = '', ...parameters] = graphNode.input ?? [];
    if (graphNode.opType === 'QuantizeLinear' || graphNode.opType === 'DequantizeLinear') parameters.forEach((name) => consumed.add(name));
    const initializer = initializers.get(first);
    if (!initializer) continue;
    if (graphNode.opType === 'DequantizeLinear') {
      consumed.add(first);
      weights.push(dequantizedWeight(graphNode, initializer, initializers));
    } else if (graphNode.opType === 'Cast' && FLOATING_TYPES.has(initializer.dataType ?? 0)) {
      consumed.add(first);
      weights.push(plainWeight(graphNode.output?.[0] ?? first, initializer));
    }
  }
  for (const [name, initializer] of initializers) {
    if (!consumed.has(name) && FLOATING_TYPES.has(initializer.dataType ?? 0)) weights.push(plainWeight(name, initializer));
  }
  return weights;
}

// ── Comparing one pair ───────────────────────────────────────────────────────────────────────────────────────────

/**
 * For each reference element, the index of the submitted element holding it, when the submitted shape is the
 * reference's, the same after dropping size-1 axes, or the reference zero-padded at the end of some axes; with the
 * submitted indices outside the reference region. Undefined for any other shape.
 */
function elementCorrespondence(referenceDims: readonly number[], submittedDims: readonly number[]): { toSubmitted: (index: number) => number; padding: number[] } | undefined {
  const count = elementCount(referenceDims);
  const squeeze = (dims: readonly number[]): string => dims.filter((dim) => dim !== 1).join('x');
  if (elementCount(submittedDims) === count && squeeze(referenceDims) === squeeze(submittedDims)) return { toSubmitted: (index) => index, padding: [] };
  if (referenceDims.length !== submittedDims.length || referenceDims.some((dim, axis) => dim > (submittedDims[axis] ?? 0))) return undefined;
  const rank = referenceDims.length;
  const submittedStrides = submittedDims.map((_, axis) => elementCount(submittedDims.slice(axis + 1)));
  const toSubmitted = (index: number): number => {
    let remainder = index;
    let submittedIndex = 0;
    for (let axis = rank - 1; axis >= 0; axis--) {
      const dim = referenceDims[axis] ?? 1;
      submittedIndex += (remainder % dim) * (submittedStrides[axis] ?? 0);
      remainder = Math.floor(remainder / dim);
    }
    return submittedIndex;
  };
  const inside = new Uint8Array(elementCount(submittedDims));
  for (let index = 0; index < count; index++) inside[toSubmitted(index)] = 1;
  const padding: number[] = [];
  inside.forEach((flag, index) => flag || padding.push(index));
  return { toSubmitted, padding };
}

const rms = (sumOfSquares: number, count: number): number => (count > 0 ? Math.sqrt(sumOfSquares / count) : 0);

function compareTensors(reference: WeightTensor, submitted: WeightTensor, matchedBy: 'name' | 'shape-order'): WeightFinding {
  const base = {
    reference: reference.name,
    submitted: submitted.name,
    matchedBy,
    referenceDims: reference.dims,
    submittedDims: submitted.dims,
    storedAs: { dataType: submitted.dataType, quantization: submitted.quantization },
  };
  const empty = { comparedElements: 0, referenceRms: 0, rmsError: 0, rmsStep: 0, elementsBeyondStep: 0, zeroedElements: 0, zeroedFraction: 0, padded: false };
  if (typeof submitted.decoded === 'string' || typeof reference.decoded === 'string') {
    const reason = typeof submitted.decoded === 'string' ? `submitted: ${submitted.decoded}` : `reference: ${String(reference.decoded)}`;
    return { ...base, ...empty, issues: ['undecodable'], detail: reason };
  }
  const correspondence = elementCorrespondence(reference.dims, submitted.dims);
  if (!correspondence) return { ...base, ...empty, issues: ['reshaped'], detail: `shape [${submitted.dims.join(', ')}] is not [${reference.dims.join(', ')}] modulo zero padding` };
  const { values: referenceValues } = reference.decoded;
  const { values: submittedValues, steps } = submitted.decoded;
  let referenceSquares = 0;
  let stepSquares = 0;
  let errorSquares = 0;
  let kept = 0;
  let nonZero = 0;
  let zeroed = 0;
  let beyondStep = 0;
  referenceValues.forEach((expected, index) => {
    const at = correspondence.toSubmitted(index);
    const actual = submittedValues[at] ?? 0;
    const step = steps[at] ?? 0;
    referenceSquares += expected * expected;
    stepSquares += step * step;
    if (expected !== 0) nonZero++;
    // Rounding to the nearest step only reaches zero from within half a step.
    if (actual === 0 && Math.abs(expected) > step) {
      zeroed++;
      return;
    }
    const error = actual - expected;
    errorSquares += error * error;
    kept++;
    if (Math.abs(error) > step) beyondStep++;
  });
  const nonZeroPadding = correspondence.padding.filter((index) => (submittedValues[index] ?? 0) !== 0).length;
  const referenceRms = rms(referenceSquares, referenceValues.length);
  const errorRms = rms(errorSquares, kept);
  const stepRms = rms(stepSquares, referenceValues.length);
  const issues: WeightIssue[] = [];
  if (nonZeroPadding > 0) issues.push('reshaped');
  // Zeros among replaced values are part of the replacement; `zeroedElements` still counts them.
  if (errorRms > stepRms) issues.push('replaced');
  else if (zeroed > 0) issues.push('pruned');
  return {
    ...base,
    comparedElements: referenceValues.length,
    referenceRms,
    rmsError: errorRms,
    rmsStep: stepRms,
    ...(referenceRms > 0 ? { relativeRmsError: errorRms / referenceRms, relativeStep: stepRms / referenceRms } : {}),
    elementsBeyondStep: beyondStep,
    zeroedElements: zeroed,
    zeroedFraction: nonZero > 0 ? zeroed / nonZero : 0,
    padded: correspondence.padding.length > 0,
    issues,
    ...(nonZeroPadding > 0 ? { detail: `${nonZeroPadding} padding elements are non-zero` } : {}),
  };
}

// ── Whole models ─────────────────────────────────────────────────────────────────────────────────────────────────

const sameShape = (left: WeightTensor, right: WeightTensor): boolean => left.dims.join('x') === right.dims.join('x');

/** Pairs reference tensors with submitted ones: by any shared name, then the rest in graph order by identical shape. */
function mapTensors(references: readonly WeightTensor[], submitted: readonly WeightTensor[]): Map<WeightTensor, { tensor: WeightTensor; matchedBy: 'name' | 'shape-order' }> {
  const pairs = new Map<WeightTensor, { tensor: WeightTensor; matchedBy: 'name' | 'shape-order' }>();
  const available = new Set(submitted);
  const claim = (reference: WeightTensor, matchedBy: 'name' | 'shape-order', fits: (candidate: WeightTensor) => boolean): void => {
    const tensor = [...available].find(fits);
    if (!tensor) return;
    available.delete(tensor);
    pairs.set(reference, { tensor, matchedBy });
  };
  for (const reference of references) claim(reference, 'name', (candidate) => [...reference.names].some((name) => candidate.names.has(name)));
  for (const reference of references) if (!pairs.has(reference)) claim(reference, 'shape-order', (candidate) => sameShape(reference, candidate));
  return pairs;
}

function decode(model: Uint8Array | ModelProto, role: string): ModelProto | string {
  if (!(model instanceof Uint8Array)) return model;
  try {
    return decodeModel(model);
  } catch (error) {
    return `the ${role} model is not a readable ONNX file: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Compares every reference weight with its submitted counterpart. Never throws. */
export function compareWeights(submittedModel: Uint8Array | ModelProto, referenceModel: Uint8Array | ModelProto): WeightEquivalenceResult {
  const submitted = decode(submittedModel, 'submitted');
  const reference = decode(referenceModel, 'reference');
  if (typeof submitted === 'string') return { status: 'cannot-compare', reason: submitted };
  if (typeof reference === 'string') return { status: 'cannot-compare', reason: reference };
  const referenceWeights = modelWeights(reference);
  if (referenceWeights.length === 0) return { status: 'cannot-compare', reason: 'the reference model has no floating-point weights' };
  const submittedWeights = modelWeights(submitted);
  const pairs = mapTensors(referenceWeights, submittedWeights);
  const findings = referenceWeights.map((referenceWeight): WeightFinding => {
    const pair = pairs.get(referenceWeight);
    if (pair) return compareTensors(referenceWeight, pair.tensor, pair.matchedBy);
    return {
      reference: referenceWeight.name,
      referenceDims: referenceWeight.dims,
      comparedElements: 0,
      referenceRms: 0,
      rmsError: 0,
      rmsStep: 0,
      elementsBeyondStep: 0,
      zeroedElements: 0,
      zeroedFraction: 0,
      padded: false,
      issues: ['unmatched'],
      detail: 'no submitted weight has its name or shape',
    };
  });
  const mapped = new Set([...pairs.values()].map(({ tensor }) => tensor));
  const extra = submittedWeights.filter((weight) => !mapped.has(weight)).map(({ name }) => name);
  const countIssue = (issue: WeightIssue): number => findings.filter(({ issues }) => issues.includes(issue)).length;
  return {
    status: 'compared',
    findings,
    extra,
    summary: {
      referenceTensors: findings.length,
      equivalent: findings.filter(({ issues }) => issues.length === 0).length,
      replaced: countIssue('replaced'),
      pruned: countIssue('pruned'),
      reshaped: countIssue('reshaped'),
      unmatched: countIssue('unmatched'),
      undecodable: countIssue('undecodable'),
      extra: extra.length,
    },
  };
}
