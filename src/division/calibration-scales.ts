import { DataType, decodeModel, encodeModel, withGraphOutputs, type ModelProto } from '../harness/onnx/model-builder.ts';
import { loadOnnxRuntime } from '../harness/native-modules.ts';

/** An activation quantizer of a QDQ model: the tensor it quantizes and the range its scale and zero point cover. */
export interface ActivationQuantizer {
  readonly tensor: string;
  readonly scale: number;
  readonly zeroPoint: number;
  /** The float range the quantized type spans: [(qmin − zeroPoint) × scale, (qmax − zeroPoint) × scale]. */
  readonly low: number;
  readonly high: number;
}

const QUANTIZED_RANGE: Readonly<Record<number, readonly [number, number]>> = {
  [DataType.UINT8]: [0, 255],
  [DataType.INT8]: [-128, 127],
  [DataType.UINT16]: [0, 65535],
  [DataType.INT16]: [-32768, 32767],
};

function scalarOf(model: ModelProto, name: string | undefined): { value: number; dataType: number } | undefined {
  const initializer = model.graph?.initializer?.find((candidate) => candidate.name === name);
  if (initializer === undefined || (initializer.dims ?? []).length > 0) return undefined;
  const raw = Uint8Array.from(initializer.rawData ?? []);
  const view = new DataView(raw.buffer);
  const dataType = initializer.dataType ?? DataType.FLOAT;
  if (dataType === DataType.FLOAT) return raw.length === 4 ? { value: view.getFloat32(0, true), dataType } : initializer.floatData?.[0] !== undefined ? { value: initializer.floatData[0], dataType } : undefined;
  if (dataType === DataType.UINT8) return { value: raw.length === 1 ? view.getUint8(0) : Number(initializer.int32Data?.[0] ?? 0), dataType };
  if (dataType === DataType.INT8) return { value: raw.length === 1 ? view.getInt8(0) : Number(initializer.int32Data?.[0] ?? 0), dataType };
  return undefined;
}

/**
 * The per-tensor activation quantizers of a QDQ model: QuantizeLinear nodes whose input is computed (not a weight),
 * with a scalar scale. Without a zero point, ONNX quantizes to uint8 with zero point 0.
 */
export function activationQuantizers(bytes: Uint8Array): ActivationQuantizer[] {
  const model = decodeModel(bytes);
  const weights = new Set((model.graph?.initializer ?? []).map((initializer) => initializer.name));
  const quantizers: ActivationQuantizer[] = [];
  for (const graphNode of model.graph?.node ?? []) {
    const [tensor, scaleName, zeroPointName] = graphNode.input ?? [];
    if (graphNode.opType !== 'QuantizeLinear' || tensor === undefined || weights.has(tensor)) continue;
    const scale = scalarOf(model, scaleName);
    const zeroPoint = zeroPointName === undefined || zeroPointName === '' ? { value: 0, dataType: DataType.UINT8 } : scalarOf(model, zeroPointName);
    const range = zeroPoint === undefined ? undefined : QUANTIZED_RANGE[zeroPoint.dataType];
    if (scale === undefined || zeroPoint === undefined || range === undefined) continue;
    quantizers.push({ tensor, scale: scale.value, zeroPoint: zeroPoint.value, low: (range[0] - zeroPoint.value) * scale.value, high: (range[1] - zeroPoint.value) * scale.value });
  }
  return quantizers;
}

/** The minimum and maximum each tensor takes over some samples. */
export type ObservedRanges = ReadonlyMap<string, { readonly min: number; readonly max: number }>;

/**
 * Runs the reference FP32 model on `samples` (each of `sampleShape`, fed to `input`) with the named intermediate
 * tensors exposed as outputs, and records each one's range: MinMax calibration, as a submitter would run it.
 */
export async function observeRanges(referenceModel: Uint8Array, tensors: readonly string[], input: string, samples: Float32Array, count: number, sampleShape: readonly number[]): Promise<ObservedRanges> {
  const exposed = encodeModel(withGraphOutputs(decodeModel(referenceModel), tensors));
  const runtime = await loadOnnxRuntime();
  const session = await runtime.InferenceSession.create(exposed);
  try {
    const outputs = await session.run({ [input]: new runtime.Tensor('float32', samples, [count, ...sampleShape]) }, [...tensors]);
    const ranges = new Map<string, { min: number; max: number }>();
    for (const tensor of tensors) {
      const data = outputs[tensor]?.data;
      if (!(data instanceof Float32Array)) continue;
      let min = Number.POSITIVE_INFINITY;
      let max = Number.NEGATIVE_INFINITY;
      for (const value of data) {
        if (value < min) min = value;
        if (value > max) max = value;
      }
      ranges.set(tensor, { min, max });
    }
    return ranges;
  } finally {
    await session.release();
  }
}

/** How well a quantizer's range fits an observed range: its span over the observed span (1 = MinMax on that data). */
export function fitRatio(quantizer: ActivationQuantizer, observed: { readonly min: number; readonly max: number }): number {
  // MinMax calibration always includes zero in the range.
  const span = Math.max(observed.max, 0) - Math.min(observed.min, 0);
  return span === 0 ? Number.POSITIVE_INFINITY : (quantizer.high - quantizer.low) / span;
}
