import type { NpyArray } from './npy.ts';

/** How a submitter's preprocessed tensors are laid out and scaled: float value = (stored − zeroPoint) × scale. */
export interface TensorDeclaration {
  readonly layout?: 'NCHW' | 'NHWC';
  readonly scale?: number;
  readonly zeroPoint?: number;
}

export type DifferenceStatus = 'pass' | 'warn' | 'fail';

export interface TensorDifference {
  readonly maxAbs: number;
  readonly meanAbs: number;
  readonly status: DifferenceStatus;
}

export type TensorComparison = { readonly ok: true; readonly value: TensorDifference } | { readonly ok: false; readonly problem: string };

/**
 * Spec harness.md §4.6, measured: the equivalent pipeline differs by 0; another JPEG decoder by a mean of 0.75–1.9
 * and a max of 15–59; another resampler by a mean ≥ 0.77 and a max ≥ 10 (in grey levels of the mean-subtracted input).
 */
const PASS_MEAN = 0.05;
const FAIL_MEAN = 0.5;
const FAIL_MAX = 8;

/**
 * Compares one submitted preprocessed tensor with the reference preprocessing's, `reference` being C×H×W floats. The
 * submitted tensor may carry a leading batch dimension of 1, be NHWC, and be quantized (`scale`, `zeroPoint`).
 */
export function compareTensor(submitted: NpyArray, reference: Float32Array, referenceShape: readonly [number, number, number], declaration: TensorDeclaration = {}): TensorComparison {
  const shape = submitted.shape.length === 4 && submitted.shape[0] === 1 ? submitted.shape.slice(1) : submitted.shape;
  const [channels, height, width] = referenceShape;
  const nhwc = declaration.layout === 'NHWC';
  const expected = nhwc ? [height, width, channels] : [channels, height, width];
  if (shape.length !== 3 || shape.some((size, axis) => size !== expected[axis])) {
    return { ok: false, problem: `has shape (${submitted.shape.join(', ')}), but the reference preprocessing gives ${declaration.layout ?? 'NCHW'} (${expected.join(', ')})` };
  }
  const scale = declaration.scale ?? 1;
  const zeroPoint = declaration.zeroPoint ?? 0;
  let maxAbs = 0;
  let sumAbs = 0;
  for (let channel = 0; channel < channels; channel++) {
    for (let row = 0; row < height; row++) {
      for (let column = 0; column < width; column++) {
        const at = nhwc ? (row * width + column) * channels + channel : (channel * height + row) * width + column;
        const delta = Math.abs(((submitted.values[at] as number) - zeroPoint) * scale - (reference[(channel * height + row) * width + column] as number));
        if (Number.isNaN(delta)) return { ok: false, problem: 'holds NaN' };
        maxAbs = Math.max(maxAbs, delta);
        sumAbs += delta;
      }
    }
  }
  const meanAbs = sumAbs / reference.length;
  // Quantized tensors may be half a step off the exact value.
  const passMax = Math.max(1, scale / 2);
  const status: DifferenceStatus = maxAbs <= passMax && meanAbs <= PASS_MEAN ? 'pass' : meanAbs > FAIL_MEAN || maxAbs > FAIL_MAX ? 'fail' : 'warn';
  return { ok: true, value: { maxAbs, meanAbs, status } };
}
