/**
 * The MLPerf resnet50 reference preprocessing, reproduced bit for bit: the tensors equal those of mlcommons/inference
 * `python/dataset.py` `pre_process_vgg` on images read by `cv2.imread`, so the harness feeds the reference model
 * exactly what the reference implementation would.
 *
 * Pipeline (`pre_process_vgg`, NCHW as the onnxruntime backend asks):
 * 1. decode to RGB uint8. cv2.imread gives BGR and the reference converts it to RGB; decoding to RGB is the same.
 * 2. resize with INTER_AREA so that the short side is `int(100·224/87.5)` = 256 and the long side
 *    `int(256·long/short)`;
 * 3. centre crop 224×224 at `left = int((w−224)/2)`, `top = int((h−224)/2)`;
 * 4. float32, minus the float32 means [123.68, 116.78, 103.94], channels first.
 *
 * Decoding uses sharp (libvips with libjpeg-turbo's mozjpeg fork), whose JPEG decode equals cv2.imread's. It is set up
 * to behave like cv2.imread with IMREAD_COLOR: the EXIF orientation is applied, embedded ICC profiles are ignored,
 * alpha is dropped without compositing, grey images become three equal channels, 16-bit PNGs keep their high byte.
 * Only JPEG and PNG are accepted, the formats checked against cv2 (ImageNet is JPEG). CMYK JPEGs are refused: cv2
 * converts them with its own formula, which is not ported.
 */
import { loadSharp } from '../native-modules.ts';
import type { ModelResult } from '../model-runner.ts';
import { resizeInterArea, type InterleavedImage } from './inter-area.ts';

/** A decoded image as the reference sees it after `cvtColor(BGR2RGB)`: interleaved RGB, 8 bits per channel. */
export interface DecodedImage extends InterleavedImage {
  readonly channels: 3;
}

export const RESNET50_INPUT_SIZE = 224;
/** `resize_with_aspectratio(scale=87.5)`: the crop is 87.5 % of the resized short side. */
const CROP_PERCENT = 87.5;
/** Subtracted as float32, as numpy does with the reference's float32 array. */
export const RESNET50_MEAN_RGB: readonly number[] = [123.68, 116.78, 103.94].map(Math.fround);

const VERIFIED_FORMATS = new Set(['jpeg', 'png']);

/** Decodes a JPEG or PNG as cv2.imread would (then BGR→RGB). A file that cannot be used becomes a problem, never a throw. */
export async function decodeImage(bytes: Uint8Array): Promise<ModelResult<DecodedImage>> {
  const options = { autoOrient: true, ignoreIcc: true } as const;
  try {
    const sharp = await loadSharp();
    const { format, space } = await sharp(bytes, options).metadata();
    if (!VERIFIED_FORMATS.has(format)) {
      return { ok: false, problem: `${format} images are not supported: only JPEG and PNG decoding is verified to match cv2.imread` };
    }
    if (space === 'cmyk') {
      return { ok: false, problem: "CMYK JPEGs are not supported: cv2.imread's CMYK-to-BGR conversion is not ported, so the sample cannot be preprocessed exactly" };
    }
    const { data, info } = await sharp(bytes, options).toColourspace('srgb').removeAlpha().raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== 3 || data.length !== info.width * info.height * 3) {
      return { ok: false, problem: `decoding gave ${data.length} bytes for ${info.width}×${info.height} pixels in ${info.channels} channels instead of 8-bit RGB` };
    }
    return { ok: true, value: { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, channels: 3 } };
  } catch (error) {
    return { ok: false, problem: `not a decodable image: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** `resize_with_aspectratio`'s target: short side 256, long side scaled and truncated (a square counts as landscape). */
export function resnet50ResizedSize(width: number, height: number): { width: number; height: number } {
  const shortSide = Math.trunc((100 * RESNET50_INPUT_SIZE) / CROP_PERCENT);
  if (height > width) return { width: shortSide, height: Math.trunc((shortSide * height) / width) };
  return { width: Math.trunc((shortSide * width) / height), height: shortSide };
}

/** Steps 2 and 3: the 224×224 RGB uint8 crop the reference converts to float (exposed so tests compare integers). */
export function resizeAndCropResnet50(image: DecodedImage): DecodedImage {
  const target = resnet50ResizedSize(image.width, image.height);
  const resized = resizeInterArea(image, target.width, target.height);
  const size = RESNET50_INPUT_SIZE;
  const left = Math.trunc((resized.width - size) / 2);
  const top = Math.trunc((resized.height - size) / 2);
  const crop = new Uint8Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    const from = ((top + y) * resized.width + left) * 3;
    crop.set(resized.data.subarray(from, from + size * 3), y * size * 3);
  }
  return { data: crop, width: size, height: size, channels: 3 };
}

/** The model input for one image: float32 [3, 224, 224] (NCHW without the batch dimension). */
export function preprocessResnet50(image: DecodedImage): Float32Array {
  const crop = resizeAndCropResnet50(image).data;
  const plane = RESNET50_INPUT_SIZE * RESNET50_INPUT_SIZE;
  const tensor = new Float32Array(3 * plane);
  for (const [channel, mean] of RESNET50_MEAN_RGB.entries()) {
    // The difference of a byte and a float32 is exact in doubles, so the Float32Array store rounds once, like numpy.
    for (let pixel = 0; pixel < plane; pixel++) tensor[channel * plane + pixel] = (crop[pixel * 3 + channel] as number) - mean;
  }
  return tensor;
}
