import { describe, expect, it } from 'vitest';
import {
  BERT_SEQUENCE_LENGTH,
  decodeClassification,
  decodeDetections,
  decodeQuestionAnswering,
  PADDING_LOGIT,
  type Decoded,
} from '../../src/harness/decoders.ts';

/** LoadGen's Bin2Hex of a typed array: upper-case hex of the little-endian bytes. */
const hexOf = (values: Float32Array | Int32Array | BigInt64Array | Uint16Array): string =>
  Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('hex').toUpperCase();

function problemOf<T>(decoded: Decoded<T>): string {
  if (decoded.ok) throw new Error(`expected a problem, decoded ${JSON.stringify(decoded.value)}`);
  return decoded.problem;
}

function valueOf<T>(decoded: Decoded<T>): T {
  if (!decoded.ok) throw new Error(`expected a value, got the problem: ${decoded.problem}`);
  return decoded.value;
}

describe('decodeClassification', () => {
  const imagenet = { numClasses: 1000 } as const;

  it('reads the reference float32 label (np.array([label], np.float32).tobytes())', () => {
    // 65.0 as float32 is 0x42820000, little-endian 00008242
    expect(valueOf(decodeClassification('00008242', { ...imagenet, dtype: 'float32' }))).toEqual({ label: 65, dtype: 'float32' });
    expect(valueOf(decodeClassification('00008242', { ...imagenet, dtype: 'auto' }))).toEqual({ label: 65, dtype: 'float32' });
  });

  it('reads int32 and int64 labels, declared or inferred', () => {
    expect(valueOf(decodeClassification(hexOf(Int32Array.of(999)), { ...imagenet, dtype: 'int32' }))).toEqual({ label: 999, dtype: 'int32' });
    expect(valueOf(decodeClassification(hexOf(Int32Array.of(7)), { ...imagenet, dtype: 'auto' }))).toEqual({ label: 7, dtype: 'int32' });
    expect(valueOf(decodeClassification(hexOf(BigInt64Array.of(412n)), { ...imagenet, dtype: 'int64' }))).toEqual({ label: 412, dtype: 'int64' });
    expect(valueOf(decodeClassification(hexOf(BigInt64Array.of(412n)), { ...imagenet, dtype: 'auto' }))).toEqual({ label: 412, dtype: 'int64' });
  });

  it('reads label 0 the same whichever 4-byte dtype it is', () => {
    expect(valueOf(decodeClassification('00000000', { ...imagenet, dtype: 'auto' })).label).toBe(0);
  });

  it('uses element [0] of a longer payload, as accuracy-imagenet.py does', () => {
    expect(valueOf(decodeClassification(hexOf(Float32Array.of(3, 500, 7)), { ...imagenet, dtype: 'float32' })).label).toBe(3);
  });

  it('accepts lower-case hex', () => {
    expect(valueOf(decodeClassification(hexOf(Float32Array.of(10)).toLowerCase(), { ...imagenet, dtype: 'float32' })).label).toBe(10);
  });

  it('rejects NaN, non-integral and out-of-range labels, naming the value', () => {
    expect(problemOf(decodeClassification(hexOf(Float32Array.of(Number.NaN)), { ...imagenet, dtype: 'float32' }))).toBe('label NaN (float32) is not an integer');
    expect(problemOf(decodeClassification(hexOf(Float32Array.of(1.5)), { ...imagenet, dtype: 'float32' }))).toBe('label 1.5 (float32) is not an integer');
    expect(problemOf(decodeClassification(hexOf(Float32Array.of(-1)), { ...imagenet, dtype: 'float32' }))).toBe('label -1 (float32) is outside [0, 999] for 1000 classes');
    expect(problemOf(decodeClassification(hexOf(BigInt64Array.of(2n ** 62n)), { ...imagenet, dtype: 'int64' }))).toBe(
      'label 4611686018427387904 (int64) is outside [0, 999] for 1000 classes',
    );
  });

  it('reads an off-by-one label 1000 as int32 and reports it out of range, not as a float32 misreading', () => {
    expect(problemOf(decodeClassification(hexOf(Int32Array.of(1000)), { ...imagenet, dtype: 'auto' }))).toBe('label 1000 (int32) is outside [0, 999] for 1000 classes');
  });

  it('refuses to guess a dtype it cannot infer', () => {
    expect(problemOf(decodeClassification(hexOf(Float32Array.of(1.5)), { ...imagenet, dtype: 'auto' }))).toBe(
      '4-byte payload is neither an int32 label in [0, 1000] (it reads 1069547520) nor an integral float32 (it reads 1.5)',
    );
    expect(problemOf(decodeClassification('000000000000', { ...imagenet, dtype: 'auto' }))).toMatch(/cannot infer the label dtype of a 6-byte payload/);
  });

  it('rejects payloads that are empty, not whole elements, or not hex', () => {
    expect(problemOf(decodeClassification('', { ...imagenet, dtype: 'float32' }))).toBe('empty payload: no label');
    expect(problemOf(decodeClassification('000000', { ...imagenet, dtype: 'int32' }))).toBe('payload of 3 bytes is not a whole number of int32 values (4 bytes each)');
    expect(problemOf(decodeClassification(hexOf(Int32Array.of(5)), { ...imagenet, dtype: 'int64' }))).toMatch(/payload of 4 bytes is not a whole number of int64 values/);
    expect(problemOf(decodeClassification('0000824', { ...imagenet, dtype: 'float32' }))).toBe('payload has an odd number of hex digits (7); LoadGen writes two per byte');
    expect(problemOf(decodeClassification('00G08242', { ...imagenet, dtype: 'float32' }))).toBe('payload has the non-hex character "G" at offset 2');
  });
});

describe('decodeDetections', () => {
  const openImages = { qslIdx: 12, numClasses: 264 } as const;
  /** [qsl_idx, ymin, xmin, ymax, xmax, score, label] per detection. */
  const payload = (...detections: number[][]): string => hexOf(Float32Array.from(detections.flat()));
  const first = [12, 0.1, 0.2, 0.5, 0.6, 0.9, 3];
  const second = [12, 0, 0, 1, 1, 0.05, 263];

  it('decodes float32 × 7 detections, converting to doubles', () => {
    expect(valueOf(decodeDetections(payload(first, second), openImages))).toEqual([
      { ymin: Math.fround(0.1), xmin: Math.fround(0.2), ymax: 0.5, xmax: Math.fround(0.6), score: Math.fround(0.9), label: 3 },
      { ymin: 0, xmin: 0, ymax: 1, xmax: 1, score: Math.fround(0.05), label: 263 },
    ]);
  });

  it('reads an empty payload as an image without detections', () => {
    expect(valueOf(decodeDetections('', openImages))).toEqual([]);
  });

  it('allows coordinates just outside [0, 1] from rounding', () => {
    expect(valueOf(decodeDetections(payload([12, -0.0005, 0, 1.0009, 1, 0.5, 0]), openImages))).toHaveLength(1);
  });

  it('honours a 1-based class map', () => {
    expect(problemOf(decodeDetections(payload([12, 0, 0, 1, 1, 0.5, 0]), { ...openImages, firstLabel: 1 }))).toBe('detection 0: label 0 is outside [1, 264] for 264 classes');
    expect(valueOf(decodeDetections(payload([12, 0, 0, 1, 1, 0.5, 264]), { ...openImages, firstLabel: 1 }))).toHaveLength(1);
  });

  it('rejects each malformed detection with what is wrong and the value', () => {
    const cases: [number[][], string][] = [
      [[first, [11, 0, 0, 1, 1, 0.5, 1]], "detection 1: names image 11, but the record's qsl_idx is 12"],
      [[[12, 0, 0, 1.002, 1, 0.5, 1]], `detection 0: ymax ${Math.fround(1.002)} is outside [0, 1] ± 0.001`],
      [[[12, 0, -0.01, 1, 1, 0.5, 1]], `detection 0: xmin ${Math.fround(-0.01)} is outside [0, 1] ± 0.001`],
      [[[12, 0.6, 0, 0.5, 1, 0.5, 1]], `detection 0: ymin ${Math.fround(0.6)} > ymax 0.5`],
      [[[12, 0, 0.7, 1, 0.2, 0.5, 1]], `detection 0: xmin ${Math.fround(0.7)} > xmax ${Math.fround(0.2)}`],
      [[[12, 0, 0, 1, 1, 0.04, 1]], `detection 0: score ${Math.fround(0.04)} is outside [0.05, 1]`],
      [[[12, 0, 0, 1, 1, 1.5, 1]], 'detection 0: score 1.5 is outside [0.05, 1]'],
      [[[12, 0, 0, 1, 1, 0.5, 1], [12, 0, 0, 1, 1, 0.75, 1]], "detection 1: score 0.75 is above the previous detection's 0.5; LoadGen responses are sorted by score"],
      [[[12, 0, 0, 1, 1, 0.5, 2.5]], 'detection 0: label 2.5 is not an integer'],
      [[[12, 0, 0, 1, 1, 0.5, 264]], 'detection 0: label 264 is outside [0, 263] for 264 classes'],
      [[[12, 0, 0, 1, 1, Number.NaN, 1]], 'detection 0: score is NaN'],
      [[[12, Number.POSITIVE_INFINITY, 0, 1, 1, 0.5, 1]], 'detection 0: ymin is Infinity'],
    ];
    for (const [detections, problem] of cases) expect(problemOf(decodeDetections(payload(...detections), openImages))).toBe(problem);
  });

  it('rejects payloads that are not whole detections', () => {
    expect(problemOf(decodeDetections(hexOf(Float32Array.of(12, 0, 0, 1, 1, 0.5)), openImages))).toBe(
      'payload of 24 bytes is not a whole number of detections (7 float32 = 28 bytes each)',
    );
  });

  it('compares field 0 with the qsl_idx as float32 stores it', () => {
    const large = 2 ** 24 + 1; // not representable in float32: stored as 2^24
    expect(valueOf(decodeDetections(payload([large, 0, 0, 1, 1, 0.5, 1]), { ...openImages, qslIdx: large }))).toHaveLength(1);
  });
});

describe('decodeQuestionAnswering', () => {
  const positions = BERT_SEQUENCE_LENGTH;
  const starts = Array.from({ length: positions }, (_, position) => Math.fround(Math.sin(position)));
  const ends = Array.from({ length: positions }, (_, position) => Math.fround(Math.cos(position)));

  it('reads the reference layout: 384 × 2 float32 = 3072 bytes, interleaved', () => {
    const hex = hexOf(Float32Array.from(starts.flatMap((start, position) => [start, ends[position] ?? 0])));
    expect(hex.length).toBe(2 * 3072);
    expect(valueOf(decodeQuestionAnswering(hex, { dtype: 'float32', layout: 'interleaved' }))).toEqual({ start: starts, end: ends, positions });
  });

  it('reads the transposed layout (2 × L)', () => {
    const hex = hexOf(Float32Array.from([...starts, ...ends]));
    expect(valueOf(decodeQuestionAnswering(hex, { dtype: 'float32', layout: 'transposed' }))).toEqual({ start: starts, end: ends, positions });
  });

  it('reads float16 logits (1536 bytes), subnormals included', () => {
    // binary16 bit patterns: 1, -2, 65504 (largest), 2^-24 (smallest subnormal), 0.333251953125, -0
    const bits = [0x3c00, 0xc000, 0x7bff, 0x0001, 0x3555, 0x8000];
    const values = [1, -2, 65504, 2 ** -24, 0.333251953125, -0];
    const padded = Array.from({ length: 2 * positions }, (_, index) => bits[index] ?? 0);
    const decoded = valueOf(decodeQuestionAnswering(hexOf(Uint16Array.from(padded)), { dtype: 'float16', layout: 'interleaved' }));
    expect(padded.length * 2).toBe(1536);
    expect(decoded.start.slice(0, 3)).toEqual([values[0], values[2], values[4]]);
    expect(decoded.end.slice(0, 3)).toEqual([values[1], values[3], values[5]]);
  });

  it('pads a shorter sequence to 384 with -10000, as accuracy-squad.py does', () => {
    const decoded = valueOf(decodeQuestionAnswering(hexOf(Float32Array.of(1, 2, 3, 4)), { dtype: 'float32', layout: 'interleaved' }));
    expect(decoded.positions).toBe(2);
    expect(decoded.start).toHaveLength(384);
    expect(decoded.start.slice(0, 3)).toEqual([1, 3, PADDING_LOGIT]);
    expect(decoded.end.slice(0, 3)).toEqual([2, 4, PADDING_LOGIT]);
    expect(decoded.end.at(-1)).toBe(PADDING_LOGIT);
    const transposed = valueOf(decodeQuestionAnswering(hexOf(Float32Array.of(1, 2, 3, 4)), { dtype: 'float32', layout: 'transposed' }));
    expect([transposed.start.slice(0, 2), transposed.end.slice(0, 2)]).toEqual([[1, 2], [3, 4]]);
  });

  it('honours another sequence length', () => {
    expect(valueOf(decodeQuestionAnswering(hexOf(Float32Array.of(1, 2)), { dtype: 'float32', layout: 'interleaved', sequenceLength: 4 })).start).toEqual([
      1,
      PADDING_LOGIT,
      PADDING_LOGIT,
      PADDING_LOGIT,
    ]);
  });

  it('rejects payloads it cannot read as logits', () => {
    const options = { dtype: 'float32', layout: 'interleaved' } as const;
    expect(problemOf(decodeQuestionAnswering('', options))).toBe('empty payload: no logits');
    expect(problemOf(decodeQuestionAnswering(hexOf(Float32Array.of(1, 2, 3)), options))).toBe('payload of 12 bytes is not a whole number of (start, end) float32 pairs (8 bytes each)');
    expect(problemOf(decodeQuestionAnswering(hexOf(Uint16Array.of(0x3c00)), { dtype: 'float16', layout: 'interleaved' }))).toBe(
      'payload of 2 bytes is not a whole number of (start, end) float16 pairs (4 bytes each)',
    );
    expect(problemOf(decodeQuestionAnswering(hexOf(new Float32Array(2 * 385)), options))).toBe('payload holds 385 positions, more than the sequence length 384');
    expect(problemOf(decodeQuestionAnswering(hexOf(Float32Array.of(1, 2, Number.NaN, 4)), options))).toBe('start logit at position 1 is NaN');
    expect(problemOf(decodeQuestionAnswering(hexOf(Uint16Array.of(0x3c00, 0x7c00)), { dtype: 'float16', layout: 'interleaved' }))).toBe('end logit at position 0 is Infinity');
    expect(problemOf(decodeQuestionAnswering('zz', options))).toBe('payload has the non-hex character "z" at offset 0');
  });
});

describe('every decoder', () => {
  it('answers arbitrary payloads with a value or a problem, never an exception', () => {
    // A fixed linear congruential generator keeps this reproducible.
    let state = 12_345;
    const nextByte = (): number => {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      return state >> 23;
    };
    for (let trial = 0; trial < 300; trial++) {
      const bytes = Uint8Array.from({ length: nextByte() % 64 }, nextByte);
      const hex = Buffer.from(bytes).toString('hex').toUpperCase() + (trial % 10 === 0 ? 'X' : '');
      const results = [
        decodeClassification(hex, { dtype: 'auto', numClasses: 1000 }),
        decodeClassification(hex, { dtype: 'int64', numClasses: 1000 }),
        decodeDetections(hex, { qslIdx: 3, numClasses: 264 }),
        decodeQuestionAnswering(hex, { dtype: 'float16', layout: 'transposed' }),
      ];
      for (const result of results) expect(result.ok ? 'value' in result : result.problem.length > 0).toBe(true);
    }
  });
});
