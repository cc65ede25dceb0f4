/**
 * `cv2.resize(src, (width, height), interpolation=cv2.INTER_AREA)` for 8-bit images, bit-exact with OpenCV 4.6's own
 * implementation (Debian's build has no IPP; where IPP is built in, OpenCV declines it for INTER_AREA unless its
 * inexact mode is switched on). The MLPerf resnet50 reference preprocessing resizes with it, and other resamplers
 * move pixels by 10 levels and more.
 *
 * OpenCV picks one of three algorithms from the scale factors `scale = source / destination` (per axis, computed as
 * `1 / (destination / source)` in doubles, as OpenCV does):
 * - both scales are integers (within DBL_EPSILON): block averaging; the 2×2 case rounds `(a+b+c+d+2)>>2` like
 *   OpenCV's SIMD kernel, other factors round `sum * float(1/area)` half-to-even;
 * - both scales ≥ 1 otherwise: exact area weights, accumulated in float32 in OpenCV's order;
 * - any scale < 1 (upscaling): bilinear interpolation with "area" coefficients, in 11-bit fixed point.
 * Equal sizes are copied.
 *
 * Written from OpenCV's documented behaviour and resize.cpp semantics; checked against cv2 4.6 by golden tests.
 */

/** An 8-bit image with interleaved channels, rows stored top to bottom without padding. */
export interface InterleavedImage {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3;
}

/** OpenCV's fixed-point bilinear coefficients have 11 fractional bits. */
const COEFFICIENT_SCALE = 2048;
/** `computeResizeAreaTab` ignores slivers of a source pixel thinner than this. */
const SLIVER = 1e-3;

/** Resizes like `cv2.resize(..., interpolation=cv2.INTER_AREA)`; throws a RangeError on sizes that are not positive integers. */
export function resizeInterArea(source: InterleavedImage, width: number, height: number): InterleavedImage {
  const { width: sourceWidth, height: sourceHeight, channels } = source;
  for (const [name, value] of [['source width', sourceWidth], ['source height', sourceHeight], ['width', width], ['height', height]] as const) {
    if (!Number.isInteger(value) || value <= 0) throw new RangeError(`resizeInterArea: ${name} must be a positive integer, got ${value}`);
  }
  if (source.data.length !== sourceWidth * sourceHeight * channels) {
    throw new RangeError(`resizeInterArea: ${sourceWidth}×${sourceHeight}×${channels} pixels need ${sourceWidth * sourceHeight * channels} bytes, got ${source.data.length}`);
  }
  if (width === sourceWidth && height === sourceHeight) return { data: source.data.slice(), width, height, channels };

  const inverseScaleX = width / sourceWidth;
  const inverseScaleY = height / sourceHeight;
  const scaleX = 1 / inverseScaleX;
  const scaleY = 1 / inverseScaleY;
  const target = { width, height, channels };
  if (scaleX >= 1 && scaleY >= 1) {
    const integerScaleX = roundHalfEven(scaleX);
    const integerScaleY = roundHalfEven(scaleY);
    if (Math.abs(scaleX - integerScaleX) < Number.EPSILON && Math.abs(scaleY - integerScaleY) < Number.EPSILON) {
      return averageBlocks(source, target, integerScaleX, integerScaleY);
    }
    return averageAreas(source, target, scaleX, scaleY);
  }
  return interpolateBilinear(source, target, { scaleX, scaleY, inverseScaleX, inverseScaleY });
}

interface TargetSize {
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3;
}

/** Integer factors: each output pixel is the mean of a `factorX × factorY` block. */
function averageBlocks(source: InterleavedImage, target: TargetSize, factorX: number, factorY: number): InterleavedImage {
  const { width, height, channels } = target;
  const src = source.data;
  const sourceStride = source.width * channels;
  const out = new Uint8Array(width * height * channels);
  const reciprocalArea = Math.fround(1 / (factorX * factorY));
  const twoByTwo = factorX === 2 && factorY === 2;
  for (let y = 0; y < height; y++) {
    const blockTop = y * factorY * sourceStride;
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        const blockStart = blockTop + x * factorX * channels + c;
        const outIndex = (y * width + x) * channels + c;
        if (twoByTwo) {
          const below = blockStart + sourceStride;
          out[outIndex] = ((src[blockStart] as number) + (src[blockStart + channels] as number) + (src[below] as number) + (src[below + channels] as number) + 2) >> 2;
          continue;
        }
        let sum = 0;
        for (let dy = 0; dy < factorY; dy++) {
          for (let dx = 0; dx < factorX; dx++) sum += src[blockStart + dy * sourceStride + dx * channels] as number;
        }
        out[outIndex] = saturateByte(Math.fround(sum * reciprocalArea));
      }
    }
  }
  return { data: out, ...target };
}

/** The source pixels (or slivers of them) one output pixel covers along one axis, with their float32 weights. */
interface AreaWeights {
  readonly targetIndex: Int32Array;
  readonly sourceIndex: Int32Array;
  readonly weight: Float32Array;
}

/** OpenCV's `computeResizeAreaTab`: weights are fractions of the cell width, computed in doubles, stored as float32. */
function areaWeights(sourceSize: number, targetSize: number, scale: number): AreaWeights {
  const targetIndex: number[] = [];
  const sourceIndex: number[] = [];
  const weight: number[] = [];
  const add = (target: number, source: number, value: number): void => {
    targetIndex.push(target);
    sourceIndex.push(source);
    weight.push(value);
  };
  for (let target = 0; target < targetSize; target++) {
    const start = target * scale;
    const end = start + scale;
    const cellWidth = Math.min(scale, sourceSize - start);
    // Pixels [fullStart, fullEnd) are covered whole; the ones just before and at fullEnd may be covered in part.
    const fullEnd = Math.min(Math.floor(end), sourceSize - 1);
    const fullStart = Math.min(Math.ceil(start), fullEnd);
    if (fullStart - start > SLIVER) add(target, fullStart - 1, (fullStart - start) / cellWidth);
    for (let source = fullStart; source < fullEnd; source++) add(target, source, 1 / cellWidth);
    if (end - fullEnd > SLIVER) add(target, fullEnd, Math.min(end - fullEnd, 1, cellWidth) / cellWidth);
  }
  return { targetIndex: Int32Array.from(targetIndex), sourceIndex: Int32Array.from(sourceIndex), weight: Float32Array.from(weight) };
}

/**
 * Non-integer downscale (OpenCV's `ResizeArea_Invoker<uchar, float>`): each weighted source row is accumulated
 * horizontally in float32, then added into the output row in float32, rounding after every operation as the C++ does.
 * Float32Array stores do the rounding of sums; products are rounded explicitly.
 */
function averageAreas(source: InterleavedImage, target: TargetSize, scaleX: number, scaleY: number): InterleavedImage {
  const { width, height, channels } = target;
  const src = source.data;
  const sourceStride = source.width * channels;
  const rowLength = width * channels;
  const { targetIndex: columnTarget, sourceIndex: columnSource, weight: columnWeight } = areaWeights(source.width, width, scaleX);
  const rows = areaWeights(source.height, height, scaleY);
  const out = new Uint8Array(height * rowLength);
  const weightedRow = new Float32Array(rowLength);
  const outputRow = new Float32Array(rowLength);
  const flush = (y: number): void => {
    for (let i = 0; i < rowLength; i++) out[y * rowLength + i] = saturateByte(outputRow[i] as number);
  };

  let currentY = rows.targetIndex[0] as number;
  let weightedSourceRow = -1;
  for (let r = 0; r < rows.weight.length; r++) {
    const y = rows.targetIndex[r] as number;
    const rowWeight = rows.weight[r] as number;
    const sourceRow = rows.sourceIndex[r] as number;
    // A source row straddling two output rows comes twice in a row; its horizontal pass is the same both times.
    if (sourceRow !== weightedSourceRow) {
      const rowStart = sourceRow * sourceStride;
      weightedRow.fill(0);
      for (let k = 0; k < columnWeight.length; k++) {
        const into = (columnTarget[k] as number) * channels;
        const from = rowStart + (columnSource[k] as number) * channels;
        const weight = columnWeight[k] as number;
        for (let c = 0; c < channels; c++) weightedRow[into + c] = (weightedRow[into + c] as number) + Math.fround((src[from + c] as number) * weight);
      }
      weightedSourceRow = sourceRow;
    }
    if (y !== currentY) {
      flush(currentY);
      for (let i = 0; i < rowLength; i++) outputRow[i] = Math.fround(rowWeight * (weightedRow[i] as number));
      currentY = y;
    } else {
      for (let i = 0; i < rowLength; i++) outputRow[i] = (outputRow[i] as number) + Math.fround(rowWeight * (weightedRow[i] as number));
    }
  }
  flush(currentY);
  return { data: out, ...target };
}

interface Scales {
  readonly scaleX: number;
  readonly scaleY: number;
  readonly inverseScaleX: number;
  readonly inverseScaleY: number;
}

/** One axis of the bilinear emulation: the left/top source index per output index and its two fixed-point weights. */
interface BilinearAxis {
  readonly sourceIndex: Int32Array;
  readonly weight0: Int32Array;
  readonly weight1: Int32Array;
}

/**
 * OpenCV's INTER_AREA coefficients when upscaling: output pixel `d` takes source `s = floor(d·scale)` and the fraction
 * of it left over after `d + 1` output pixels, `(d+1) − (s+1)/scale`, computed in doubles and rounded to float32.
 */
function bilinearAxis(targetSize: number, scale: number, inverseScale: number): BilinearAxis {
  const sourceIndex = new Int32Array(targetSize);
  const weight0 = new Int32Array(targetSize);
  const weight1 = new Int32Array(targetSize);
  for (let d = 0; d < targetSize; d++) {
    const s = Math.floor(d * scale);
    const leftover = Math.fround(d + 1 - (s + 1) * inverseScale);
    const fraction = leftover <= 0 ? 0 : leftover - Math.floor(leftover); // the fractional part of a float32 is exact
    sourceIndex[d] = s;
    weight0[d] = roundHalfEven(Math.fround(1 - fraction) * COEFFICIENT_SCALE);
    weight1[d] = roundHalfEven(fraction * COEFFICIENT_SCALE);
  }
  return { sourceIndex, weight0, weight1 };
}

/**
 * Upscaling (either axis): OpenCV's generic bilinear resize on fixed point. Rows are first interpolated horizontally
 * into integers scaled by 2048, then pairs of rows are blended with `((w0·(r0>>4))>>16) + ((w1·(r1>>4))>>16) + 2) >> 2`,
 * whose truncations are part of the result.
 */
function interpolateBilinear(source: InterleavedImage, target: TargetSize, scales: Scales): InterleavedImage {
  const { width, height, channels } = target;
  const src = source.data;
  const sourceStride = source.width * channels;
  const rowLength = width * channels;
  const columns = bilinearAxis(width, scales.scaleX, scales.inverseScaleX);
  const rows = bilinearAxis(height, scales.scaleY, scales.inverseScaleY);
  const horizontalRows = new Map<number, Int32Array>();
  const horizontalRow = (y: number): Int32Array => {
    const cached = horizontalRows.get(y);
    if (cached !== undefined) return cached;
    const row = new Int32Array(rowLength);
    const rowStart = y * sourceStride;
    for (let x = 0; x < width; x++) {
      const s = columns.sourceIndex[x] as number;
      const from = rowStart + s * channels;
      const w0 = columns.weight0[x] as number;
      const w1 = columns.weight1[x] as number;
      for (let c = 0; c < channels; c++) {
        // At the right edge OpenCV takes the last pixel at full weight instead of reading a neighbour past it.
        row[x * channels + c] = s + 1 >= source.width ? (src[from + c] as number) * COEFFICIENT_SCALE : (src[from + c] as number) * w0 + (src[from + channels + c] as number) * w1;
      }
    }
    horizontalRows.set(y, row);
    return row;
  };

  const out = new Uint8Array(height * rowLength);
  const lastRow = source.height - 1;
  for (let y = 0; y < height; y++) {
    // At the bottom edge OpenCV repeats the last row but keeps both weights, so the truncations below still apply.
    const top = rows.sourceIndex[y] as number;
    const upper = horizontalRow(Math.min(top, lastRow));
    const lower = horizontalRow(Math.min(top + 1, lastRow));
    const w0 = rows.weight0[y] as number;
    const w1 = rows.weight1[y] as number;
    for (let i = 0; i < rowLength; i++) {
      out[y * rowLength + i] = (((w0 * ((upper[i] as number) >> 4)) >> 16) + ((w1 * ((lower[i] as number) >> 4)) >> 16) + 2) >> 2;
    }
  }
  return { data: out, ...target };
}

/** `cvRound`: to nearest, ties to even (what `lrint` does in the default rounding mode). */
function roundHalfEven(value: number): number {
  const rounded = Math.round(value);
  return rounded - value === 0.5 && rounded % 2 !== 0 ? rounded - 1 : rounded;
}

/** `saturate_cast<uchar>(float)`. */
function saturateByte(value: number): number {
  return Math.min(255, Math.max(0, roundHalfEven(value)));
}
