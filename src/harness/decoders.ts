/**
 * Decoders for the `data` payloads of `mlperf_log_accuracy.json` (spec harness.md §1.1, §1.3, §4.3): upper-case hex
 * from LoadGen's Bin2Hex, the response bytes in memory order (little-endian on every relevant host). They read what
 * the official accuracy scripts read and, unlike them, reject what those scripts would silently misread. They never
 * throw: a payload the harness cannot use is a finding about the submission, not a crash.
 */

export type Decoded<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

// ---------------------------------------------------------------------------------------------------------------
// Classification (resnet50, accuracy-imagenet.py)

export type LabelDtype = 'float32' | 'int32' | 'int64';

export interface ClassificationDecoding {
  /** accuracy-imagenet.py's `--dtype`; `auto` infers it from the payload (4 bytes: int32 or float32, 8: int64). */
  readonly dtype: LabelDtype | 'auto';
  /** Labels run from 0 to numClasses − 1 (1000 for ImageNet). */
  readonly numClasses: number;
}

export interface DecodedLabel {
  readonly label: number;
  /** The dtype the label was read as: the declared one, or what `auto` inferred. */
  readonly dtype: LabelDtype;
}

const LABEL_BYTES: Readonly<Record<LabelDtype, number>> = { float32: 4, int32: 4, int64: 8 };

/** The predicted label: element [0] of the payload read as `dtype`, as accuracy-imagenet.py takes `data[0]`. */
export function decodeClassification(hex: string, { dtype, numClasses }: ClassificationDecoding): Decoded<DecodedLabel> {
  const bytes = hexBytes(hex);
  if (!bytes.ok) return bytes;
  const view = bytes.value;
  if (view.byteLength === 0) return failure('empty payload: no label');
  if (dtype !== 'auto' && view.byteLength % LABEL_BYTES[dtype] !== 0) {
    // np.frombuffer refuses such a buffer
    return failure(`payload of ${view.byteLength} bytes is not a whole number of ${dtype} values (${LABEL_BYTES[dtype]} bytes each)`);
  }
  const resolved = dtype === 'auto' ? inferLabelDtype(view, numClasses) : success(dtype);
  if (!resolved.ok) return resolved;
  return checkLabel(readLabel(view, resolved.value), resolved.value, numClasses);
}

/**
 * The spec's rule for undeclared payloads: 8 bytes are int64; 4 bytes are int32 when they read as a label in
 * [0, numClasses] (inclusive, so that an off-by-one SUT is still read as int32 and reported as out of range), else
 * float32 when that reads as an integer. A small int32 read as float32 is a subnormal, never a label, and an integral
 * float32 label read as int32 is 0 or above 10^9, so the two cannot be confused.
 */
function inferLabelDtype(view: DataView, numClasses: number): Decoded<LabelDtype> {
  if (view.byteLength === 8) return success('int64');
  if (view.byteLength !== 4) {
    return failure(`cannot infer the label dtype of a ${view.byteLength}-byte payload (4 bytes: int32 or float32, 8 bytes: int64); declare the dtype`);
  }
  const asInt32 = view.getInt32(0, true);
  if (asInt32 >= 0 && asInt32 <= numClasses) return success('int32');
  const asFloat32 = view.getFloat32(0, true);
  if (Number.isInteger(asFloat32)) return success('float32');
  return failure(`4-byte payload is neither an int32 label in [0, ${numClasses}] (it reads ${asInt32}) nor an integral float32 (it reads ${asFloat32})`);
}

function readLabel(view: DataView, dtype: LabelDtype): number | bigint {
  if (dtype === 'float32') return view.getFloat32(0, true);
  if (dtype === 'int32') return view.getInt32(0, true);
  return view.getBigInt64(0, true);
}

function checkLabel(value: number | bigint, dtype: LabelDtype, numClasses: number): Decoded<DecodedLabel> {
  if (typeof value === 'number' && !Number.isInteger(value)) return failure(`label ${value} (${dtype}) is not an integer`);
  if (value < 0 || value >= numClasses) return failure(`label ${value} (${dtype}) is outside [0, ${numClasses - 1}] for ${numClasses} classes`);
  return success({ label: Number(value), dtype });
}

// ---------------------------------------------------------------------------------------------------------------
// Detection (retinanet, accuracy-openimages.py)

export interface Detection {
  /** Box corners normalised to [0, 1] by the image height and width. */
  readonly ymin: number;
  readonly xmin: number;
  readonly ymax: number;
  readonly xmax: number;
  readonly score: number;
  readonly label: number;
}

export interface DetectionDecoding {
  /** The record's qsl_idx, which every detection repeats in its field 0. */
  readonly qslIdx: number;
  readonly numClasses: number;
  /** The first label of the class map: 0, or 1 for a model whose labels go through accuracy-openimages' inverse map. */
  readonly firstLabel?: number;
}

/** Per detection: [qsl_idx, ymin, xmin, ymax, xmax, score, label] as float32. */
const DETECTION_FIELDS = ['qsl_idx', 'ymin', 'xmin', 'ymax', 'xmax', 'score', 'label'] as const;
const DETECTION_BYTES = DETECTION_FIELDS.length * 4;
/** Normalised coordinates may stray this far outside [0, 1] through float rounding of pixel / 800. */
const BOX_SLACK = 1e-3;
/** openimages.py stops at the first score below this threshold (its list is sorted by score). */
const MIN_SCORE = 0.05;

/** The detections of one image, in logged order; an empty payload is an image without detections. */
export function decodeDetections(hex: string, { qslIdx, numClasses, firstLabel = 0 }: DetectionDecoding): Decoded<Detection[]> {
  const bytes = hexBytes(hex);
  if (!bytes.ok) return bytes;
  const view = bytes.value;
  if (view.byteLength % DETECTION_BYTES !== 0) {
    return failure(`payload of ${view.byteLength} bytes is not a whole number of detections (7 float32 = ${DETECTION_BYTES} bytes each)`);
  }
  const lastLabel = firstLabel + numClasses - 1;
  const detections: Detection[] = [];
  for (let index = 0; index * DETECTION_BYTES < view.byteLength; index++) {
    const fields = DETECTION_FIELDS.map((_, field) => view.getFloat32(index * DETECTION_BYTES + field * 4, true));
    const [image = NaN, ymin = NaN, xmin = NaN, ymax = NaN, xmax = NaN, score = NaN, label = NaN] = fields;
    const at = `detection ${index}:`;
    const nonFinite = fields.findIndex((value) => !Number.isFinite(value));
    if (nonFinite !== -1) return failure(`${at} ${DETECTION_FIELDS[nonFinite]} is ${fields[nonFinite]}`);
    // Stricter than accuracy-openimages.py, which compares int(field 0) and only prints an ERROR on a mismatch.
    if (image !== Math.fround(qslIdx)) return failure(`${at} names image ${image}, but the record's qsl_idx is ${qslIdx}`);
    const outside = [ymin, xmin, ymax, xmax].findIndex((value) => value < -BOX_SLACK || value > 1 + BOX_SLACK);
    if (outside !== -1) return failure(`${at} ${DETECTION_FIELDS[outside + 1]} ${fields[outside + 1]} is outside [0, 1] ± ${BOX_SLACK}`);
    if (ymin > ymax) return failure(`${at} ymin ${ymin} > ymax ${ymax}`);
    if (xmin > xmax) return failure(`${at} xmin ${xmin} > xmax ${xmax}`);
    if (score < MIN_SCORE || score > 1) return failure(`${at} score ${score} is outside [${MIN_SCORE}, 1]`);
    const previous = detections.at(-1);
    if (previous !== undefined && score > previous.score) {
      return failure(`${at} score ${score} is above the previous detection's ${previous.score}; LoadGen responses are sorted by score`);
    }
    if (!Number.isInteger(label)) return failure(`${at} label ${label} is not an integer`);
    if (label < firstLabel || label > lastLabel) return failure(`${at} label ${label} is outside [${firstLabel}, ${lastLabel}] for ${numClasses} classes`);
    detections.push({ ymin, xmin, ymax, xmax, score, label });
  }
  return success(detections);
}

// ---------------------------------------------------------------------------------------------------------------
// Question answering (bert, accuracy-squad.py)

export type LogitsDtype = 'float32' | 'float16';
/** `interleaved`: (s0, e0, s1, e1, …), the reference SUT's layout; `transposed`: all starts, then all ends. */
export type LogitsLayout = 'interleaved' | 'transposed';

export interface QuestionAnsweringDecoding {
  /** accuracy-squad.py's `--output_dtype`. */
  readonly dtype: LogitsDtype;
  /** accuracy-squad.py's `--output_transposed`. */
  readonly layout: LogitsLayout;
  /** The feature length logits are padded to; 384 for MLPerf BERT. */
  readonly sequenceLength?: number;
}

export interface SpanLogits {
  /** Start logits, padded to the sequence length with PADDING_LOGIT. */
  readonly start: readonly number[];
  readonly end: readonly number[];
  /** How many positions the payload carried before padding. */
  readonly positions: number;
}

export const BERT_SEQUENCE_LENGTH = 384;
/** accuracy-squad.py fills positions a shorter response does not cover with this logit. */
export const PADDING_LOGIT = -10000;

const LOGIT_READERS: Readonly<Record<LogitsDtype, { readonly bytes: number; readonly read: (view: DataView, offset: number) => number }>> = {
  float32: { bytes: 4, read: (view, offset) => view.getFloat32(offset, true) },
  float16: { bytes: 2, read: (view, offset) => float16(view.getUint16(offset, true)) },
};

/** Start and end logits of one feature, as accuracy-squad.py's load_loadgen_log reshapes and pads them. */
export function decodeQuestionAnswering(
  hex: string,
  { dtype, layout, sequenceLength = BERT_SEQUENCE_LENGTH }: QuestionAnsweringDecoding,
): Decoded<SpanLogits> {
  const bytes = hexBytes(hex);
  if (!bytes.ok) return bytes;
  const view = bytes.value;
  const reader = LOGIT_READERS[dtype];
  if (view.byteLength === 0) return failure('empty payload: no logits');
  if (view.byteLength % (2 * reader.bytes) !== 0) {
    return failure(`payload of ${view.byteLength} bytes is not a whole number of (start, end) ${dtype} pairs (${2 * reader.bytes} bytes each)`);
  }
  const positions = view.byteLength / (2 * reader.bytes);
  if (positions > sequenceLength) return failure(`payload holds ${positions} positions, more than the sequence length ${sequenceLength}`);
  const elementIndex = (position: number, isEnd: boolean): number =>
    layout === 'interleaved' ? 2 * position + (isEnd ? 1 : 0) : (isEnd ? positions : 0) + position;
  const logits = { start: new Array<number>(sequenceLength).fill(PADDING_LOGIT), end: new Array<number>(sequenceLength).fill(PADDING_LOGIT) };
  for (const side of ['start', 'end'] as const) {
    for (let position = 0; position < positions; position++) {
      const value = reader.read(view, elementIndex(position, side === 'end') * reader.bytes);
      if (!Number.isFinite(value)) return failure(`${side} logit at position ${position} is ${value}`);
      logits[side][position] = value;
    }
  }
  return success({ ...logits, positions });
}

/** IEEE 754 binary16 to a double (exact). */
function float16(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction === 0 ? sign * Infinity : NaN;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

// ---------------------------------------------------------------------------------------------------------------
// Shared

const HEX_PAYLOAD = /^(?:[0-9A-Fa-f]{2})*$/;

function hexBytes(hex: string): Decoded<DataView> {
  if (!HEX_PAYLOAD.test(hex)) {
    const invalid = hex.search(/[^0-9A-Fa-f]/);
    if (invalid !== -1) return failure(`payload has the non-hex character ${JSON.stringify(hex[invalid])} at offset ${invalid}`);
    return failure(`payload has an odd number of hex digits (${hex.length}); LoadGen writes two per byte`);
  }
  const buffer = Buffer.from(hex, 'hex');
  return success(new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength));
}

function success<T>(value: T): Decoded<T> {
  return { ok: true, value };
}

function failure(problem: string): { readonly ok: false; readonly problem: string } {
  return { ok: false, problem };
}
