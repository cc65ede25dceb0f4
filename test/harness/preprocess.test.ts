import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { resizeInterArea, type InterleavedImage } from '../../src/harness/preprocess/inter-area.ts';
import { decodeImage, preprocessResnet50, resizeAndCropResnet50, resnet50ResizedSize, type DecodedImage } from '../../src/harness/preprocess/resnet50.ts';

/** Written by scripts/golden-preprocessing.py from OpenCV 4.6 running the MLPerf reference pipeline. */
interface Golden {
  readonly opencv: string;
  readonly images: readonly {
    readonly file: string;
    readonly purpose: string;
    readonly decoded: { readonly width: number; readonly height: number; readonly rgbSha256: string };
    readonly resized: { readonly width: number; readonly height: number };
    readonly crop: { readonly file: string; readonly rgbSha256: string };
    readonly tensorSha256: string;
    readonly spots: readonly { readonly c: number; readonly y: number; readonly x: number; readonly value: number }[];
  }[];
}

const fixture = (name: string): Buffer => readFileSync(new URL(`../fixtures/preprocess/${name}`, import.meta.url));
const golden = JSON.parse(fixture('golden.json').toString('utf8')) as Golden;

function sha256(bytes: Uint8Array | Float32Array): string {
  return createHash('sha256').update(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)).digest('hex');
}

function maxAbsDelta(actual: Uint8Array, expected: Uint8Array): number {
  expect(actual.length).toBe(expected.length);
  let max = 0;
  for (const [index, value] of actual.entries()) max = Math.max(max, Math.abs(value - (expected[index] as number)));
  return max;
}

/** The golden crops are lossless RGB PNGs; sharp reads them back exactly. */
async function readCrop(name: string): Promise<Uint8Array> {
  const { data, info } = await sharp(fixture(name)).raw().toBuffer({ resolveWithObject: true });
  expect([info.width, info.height, info.channels]).toEqual([224, 224, 3]);
  return new Uint8Array(data.buffer, data.byteOffset, data.length);
}

async function decodeFixture(name: string): Promise<DecodedImage> {
  const decoded = await decodeImage(fixture(name));
  if (!decoded.ok) throw new Error(`${name}: ${decoded.problem}`);
  return decoded.value;
}

describe('resnet50 preprocessing against OpenCV golden vectors', () => {
  it('covers the cases the golden set promises', () => {
    expect(golden.opencv).toBe('4.6.0');
    expect(golden.images.length).toBeGreaterThanOrEqual(6);
  });

  for (const image of golden.images) {
    it(`${image.file}: ${image.purpose}`, async () => {
      const decoded = await decodeFixture(image.file);
      // Decode first: a mismatch here means sharp and cv2.imread disagree, not the resize.
      expect([decoded.width, decoded.height]).toEqual([image.decoded.width, image.decoded.height]);
      expect(sha256(decoded.data)).toBe(image.decoded.rgbSha256);
      expect(resnet50ResizedSize(decoded.width, decoded.height)).toEqual(image.resized);

      const crop = resizeAndCropResnet50(decoded);
      expect(maxAbsDelta(crop.data, await readCrop(image.crop.file))).toBe(0);
      expect(sha256(crop.data)).toBe(image.crop.rgbSha256);

      const tensor = preprocessResnet50(decoded);
      expect(tensor.length).toBe(3 * 224 * 224);
      expect(sha256(tensor)).toBe(image.tensorSha256);
      for (const spot of image.spots) expect(tensor[(spot.c * 224 + spot.y) * 224 + spot.x]).toBe(spot.value);
    });
  }

  it('ignores embedded ICC profiles like cv2.imread (applying this one would change nearly every pixel)', async () => {
    const bytes = fixture('icc-profile-384x288-q90.jpg');
    const colourManaged = await sharp(bytes).toColourspace('srgb').raw().toBuffer();
    const decoded = await decodeFixture('icc-profile-384x288-q90.jpg');
    expect(maxAbsDelta(decoded.data, new Uint8Array(colourManaged))).toBeGreaterThan(100);
  });

  it('turns an undecodable file into a problem instead of throwing', async () => {
    const truncated = fixture('landscape-500x375-q90.jpg').subarray(0, 5000);
    const results = await Promise.all([decodeImage(new TextEncoder().encode('not an image')), decodeImage(truncated), decodeImage(new Uint8Array())]);
    for (const result of results) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problem).toMatch(/\S/);
    }
  });

  it('refuses formats whose decoding was not checked against cv2.imread', async () => {
    const webp = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } }).webp().toBuffer();
    expect(await decodeImage(webp)).toEqual({ ok: false, problem: expect.stringMatching(/^webp images are not supported/) });
  });
});

/** Each case: a small image and the output of `cv2.resize(src, (width, height), interpolation=cv2.INTER_AREA)`, OpenCV 4.6. */
const CV2_CASES: readonly { name: string; source: InterleavedImage; width: number; height: number; expected: number[] }[] = [
  {
    // The first block sums to 2: OpenCV's 2×2 kernel gives (2+2)>>2 = 1 where half-to-even rounding would give 0.
    name: '2×2 blocks, grey (integer-factor path, SIMD rounding)',
    source: { width: 4, height: 4, channels: 1, data: Uint8Array.of(0, 1, 10, 11, 0, 1, 10, 12, 255, 254, 7, 7, 255, 255, 8, 8) },
    width: 2, height: 2, expected: [1, 11, 255, 8],
  },
  {
    name: '2×2 blocks, RGB',
    source: { width: 4, height: 2, channels: 3, data: Uint8Array.of(0, 1, 2, 1, 2, 3, 10, 20, 30, 11, 21, 31, 0, 0, 0, 1, 1, 1, 12, 22, 32, 10, 20, 30) },
    width: 2, height: 1, expected: [1, 1, 2, 11, 21, 31],
  },
  {
    // Not 2×2, so sums times float(1/2) round half to even: 0.5 → 0, 2.5 → 2, 7.5 → 8.
    name: '2×1 blocks (integer factors, half-to-even rounding)',
    source: { width: 6, height: 1, channels: 1, data: Uint8Array.of(0, 1, 2, 3, 7, 8) },
    width: 3, height: 1, expected: [0, 2, 8],
  },
  {
    name: '3×3 blocks',
    source: { width: 6, height: 3, channels: 1, data: Uint8Array.of(1, 2, 3, 200, 201, 202, 4, 5, 6, 203, 204, 205, 7, 8, 9, 206, 207, 210) },
    width: 2, height: 1, expected: [5, 204],
  },
  {
    name: '3→2 in both axes (fractional area weights)',
    source: { width: 3, height: 3, channels: 1, data: Uint8Array.of(10, 50, 90, 130, 170, 210, 250, 0, 128) },
    width: 2, height: 2, expected: [63, 117, 159, 122],
  },
  {
    name: '5×2→3×1 RGB (fractional area weights)',
    source: { width: 5, height: 2, channels: 3, data: Uint8Array.from({ length: 30 }, (_, index) => index * 8) },
    width: 3, height: 1, expected: [70, 78, 86, 108, 116, 124, 146, 154, 162],
  },
  {
    name: '2×2→3×3 (upscale: fixed-point bilinear)',
    source: { width: 2, height: 2, channels: 1, data: Uint8Array.of(0, 100, 200, 255) },
    width: 3, height: 3, expected: [0, 50, 100, 100, 139, 178, 200, 228, 255],
  },
  {
    name: '2×1→5×2 RGB (upscale, right and bottom edges)',
    source: { width: 2, height: 1, channels: 3, data: Uint8Array.of(0, 128, 255, 255, 64, 1) },
    width: 5, height: 2,
    expected: [0, 128, 255, 0, 128, 255, 128, 96, 128, 255, 64, 1, 255, 64, 1, 0, 128, 255, 0, 128, 255, 128, 96, 128, 255, 64, 1, 255, 64, 1],
  },
  {
    name: '4×2→3×4 (down in x, up in y: bilinear path for both)',
    source: { width: 4, height: 2, channels: 1, data: Uint8Array.of(0, 40, 80, 120, 200, 160, 120, 80) },
    width: 3, height: 4, expected: [10, 60, 110, 10, 60, 110, 190, 140, 90, 190, 140, 90],
  },
];

describe('resizeInterArea against cv2.resize(INTER_AREA) on hand-made arrays', () => {
  for (const { name, source, width, height, expected } of CV2_CASES) {
    it(name, () => {
      const resized = resizeInterArea(source, width, height);
      expect([resized.width, resized.height, resized.channels]).toEqual([width, height, source.channels]);
      expect(Array.from(resized.data)).toEqual(expected);
    });
  }

  it('copies an image resized to its own size', () => {
    const source: InterleavedImage = { width: 2, height: 1, channels: 3, data: Uint8Array.of(1, 2, 3, 4, 5, 6) };
    const resized = resizeInterArea(source, 2, 1);
    expect(Array.from(resized.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(resized.data).not.toBe(source.data);
  });

  it('rejects sizes that are not positive integers and data of the wrong length', () => {
    const source: InterleavedImage = { width: 2, height: 1, channels: 1, data: Uint8Array.of(1, 2) };
    expect(() => resizeInterArea(source, 0, 1)).toThrow(RangeError);
    expect(() => resizeInterArea(source, 1.5, 1)).toThrow(RangeError);
    expect(() => resizeInterArea({ ...source, data: Uint8Array.of(1) }, 1, 1)).toThrow(RangeError);
  });
});
