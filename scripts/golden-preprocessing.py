#!/usr/bin/env python3
"""Golden vectors for the resnet50 reference preprocessing (test/harness/preprocess.test.ts).

Writes deterministic synthetic images to test/fixtures/preprocess/, runs each through the MLPerf reference pipeline
(mlcommons/inference python/dataset.py `pre_process_vgg`, images read as python/imagenet.py does) and records:
  - <name>.crop.png: the resized and centre-cropped RGB uint8 image, before mean subtraction (lossless);
  - golden.json: per image, sha256 of the decoded RGB pixels, of the crop and of the final float32 NCHW tensor bytes
    (little-endian), the resize target, and a few spot values of the tensor.

Dev-time only (CI uses the committed outputs): needs python3 + numpy + OpenCV 4.6 (Debian `python3-opencv`, built
without IPP like the configuration the TS port reproduces). Run from the repository root:
    /usr/bin/python3 scripts/golden-preprocessing.py
"""
import hashlib
import json
import os
import struct

import cv2
import numpy as np

OUT_DIR = os.path.join('test', 'fixtures', 'preprocess')
INPUT_SIZE = 224
MEANS = np.array([123.68, 116.78, 103.94], dtype=np.float32)


# ---- the MLPerf reference pipeline, as in python/dataset.py (v5.1) ----

def resize_with_aspectratio(img, out_height, out_width, scale=87.5, inter_pol=cv2.INTER_LINEAR):
    height, width, _ = img.shape
    new_height = int(100. * out_height / scale)
    new_width = int(100. * out_width / scale)
    if height > width:
        w = new_width
        h = int(new_height * height / width)
    else:
        h = new_height
        w = int(new_width * width / height)
    return cv2.resize(img, (w, h), interpolation=inter_pol)


def center_crop(img, out_height, out_width):
    height, width, _ = img.shape
    left = int((width - out_width) / 2)
    right = int((width + out_width) / 2)
    top = int((height - out_height) / 2)
    bottom = int((height + out_height) / 2)
    return img[top:bottom, left:right]


def reference_preprocess(path):
    """cv2.imread (BGR) -> pre_process_vgg with need_transpose=True (the onnxruntime backend's NCHW)."""
    img = cv2.imread(path)
    rgb = cv2.cvtColor(img, cv2.COLOR_BGR2RGB)
    resized = resize_with_aspectratio(rgb, INPUT_SIZE, INPUT_SIZE, inter_pol=cv2.INTER_AREA)
    crop = center_crop(resized, INPUT_SIZE, INPUT_SIZE)
    tensor = np.asarray(crop, dtype='float32')
    tensor -= MEANS
    return rgb, resized.shape, crop, tensor.transpose([2, 0, 1])


# ---- synthetic content: smooth gradients, edges, thin lines, fine texture and noise, so resampling matters ----

def synthetic_image(width, height, seed, channels=3):
    rng = np.random.RandomState(seed)
    y, x = np.mgrid[0:height, 0:width].astype(np.float64)
    planes = []
    for _ in range(channels):
        fx, fy, phase = rng.uniform(0.01, 0.09), rng.uniform(0.01, 0.09), rng.uniform(0, 2 * np.pi)
        planes.append(128 + 55 * np.sin(fx * x + phase) * np.cos(fy * y) + 60 * (x / width - y / height))
    img = np.clip(np.rint(np.stack(planes, axis=-1)), 0, 255).astype(np.uint8)
    for _ in range(3):
        colour = [int(v) for v in rng.randint(0, 256, size=channels)]
        x0, y0 = int(rng.randint(0, width)), int(rng.randint(0, height))
        x1, y1 = int(rng.randint(0, width)), int(rng.randint(0, height))
        cv2.rectangle(img, (x0, y0), (x1, y1), colour, thickness=-1)
        cv2.circle(img, (x1, y0), int(rng.randint(5, max(6, min(width, height) // 4))), colour[::-1], thickness=-1)
        cv2.line(img, (x0, y1), (x1, y0), [255 - v for v in colour], thickness=1)
    # a checkerboard patch: detail at the pixel scale that any resampler difference shows
    cw, ch = width // 5, height // 5
    cx, cy = int(rng.randint(0, width - cw)), int(rng.randint(0, height - ch))
    checker = ((np.indices((ch, cw)).sum(axis=0) % 2) * 255).astype(np.uint8)
    img[cy:cy + ch, cx:cx + cw] = checker[..., None]
    noise = rng.normal(0, 5, size=img.shape)
    img = np.clip(np.rint(img + noise), 0, 255).astype(np.uint8)
    return img if channels > 1 else img[..., 0]


# ---- JPEG segments the decoder must honour (EXIF orientation) or ignore (ICC profile), as cv2.imread does ----

def insert_segment(jpeg, segment):
    """Inserts an APPn segment right after SOI and the JFIF APP0 that cv2.imencode writes."""
    assert jpeg[:4] == b'\xff\xd8\xff\xe0'
    app0_end = 4 + struct.unpack('>H', jpeg[4:6])[0]
    return jpeg[:app0_end] + segment + jpeg[app0_end:]


def exif_orientation_segment(orientation):
    ifd = struct.pack('<H', 1) + struct.pack('<HHIHH', 0x0112, 3, 1, orientation, 0) + struct.pack('<I', 0)
    payload = b'Exif\x00\x00' + b'II*\x00' + struct.pack('<I', 8) + ifd
    return b'\xff\xe1' + struct.pack('>H', 2 + len(payload)) + payload


def s15f16(values):
    return b''.join(struct.pack('>i', int(round(v * 65536))) for v in values)


def icc_profile_segment():
    """A minimal ICC v2 RGB display profile with gamma 1.0 and rotated primaries: a decoder that applied it would
    change every pixel, while cv2.imread ignores it."""
    tags = [
        (b'wtpt', b'XYZ \x00\x00\x00\x00' + s15f16([0.9642, 1.0, 0.8249])),
        (b'rXYZ', b'XYZ \x00\x00\x00\x00' + s15f16([0.1431, 0.0606, 0.7141])),
        (b'gXYZ', b'XYZ \x00\x00\x00\x00' + s15f16([0.4361, 0.2225, 0.0139])),
        (b'bXYZ', b'XYZ \x00\x00\x00\x00' + s15f16([0.3851, 0.7169, 0.0971])),
        (b'rTRC', b'curv\x00\x00\x00\x00' + struct.pack('>IH', 1, 0x0100) + b'\x00\x00'),
        (b'gTRC', b'curv\x00\x00\x00\x00' + struct.pack('>IH', 1, 0x0100) + b'\x00\x00'),
        (b'bTRC', b'curv\x00\x00\x00\x00' + struct.pack('>IH', 1, 0x0100) + b'\x00\x00'),
        (b'desc', b'desc\x00\x00\x00\x00' + struct.pack('>I', 5) + b'test\x00' + b'\x00' * 8 + b'\x00\x00\x00' + b'\x00' * 67),
    ]
    table_size = 4 + 12 * len(tags)
    offset = 128 + table_size
    table, data = struct.pack('>I', len(tags)), b''
    for signature, body in tags:
        body += b'\x00' * (-len(body) % 4)
        table += signature + struct.pack('>II', offset + len(data), len(body))
        data += body
    size = 128 + table_size + len(data)
    header = (struct.pack('>I', size) + b'none' + struct.pack('>I', 0x02100000) + b'mntrRGB XYZ '
              + struct.pack('>6H', 2024, 1, 1, 0, 0, 0) + b'acsp' + b'\x00' * 24 + struct.pack('>I', 0)
              + s15f16([0.9642, 1.0, 0.8249]) + b'none' + b'\x00' * 44)
    assert len(header) == 128
    payload = b'ICC_PROFILE\x00' + bytes([1, 1]) + header + table + data
    return b'\xff\xe2' + struct.pack('>H', 2 + len(payload)) + payload


# ---- the golden set ----

# (file, width, height, channels, seed, JPEG quality, JPEG variant, what it exercises)
IMAGES = [
    ('landscape-500x375-q90.jpg', 500, 375, 3, 1, 90, None, 'typical ImageNet landscape: fractional INTER_AREA downscale to 341x256'),
    ('portrait-333x500-q85.jpg', 333, 500, 3, 2, 85, None, 'portrait: fractional downscale to 256x384, vertical crop offset'),
    ('double-682x512-q90.jpg', 682, 512, 3, 3, 90, None, 'exactly 2x: the integer-factor path with (a+b+c+d+2)>>2 rounding'),
    ('tiny-160x120-q95.jpg', 160, 120, 3, 4, 95, None, 'small: INTER_AREA upscale (fixed-point bilinear emulation)'),
    ('odd-357x239-q75-progressive.jpg', 357, 239, 3, 5, 75, 'progressive', 'odd sizes, short side < 256: non-integer upscale; progressive JPEG'),
    ('grey-400x300-q90.jpg', 400, 300, 1, 6, 90, None, 'single-channel JPEG, decoded as 3 equal channels'),
    ('rgba-301x457.png', 301, 457, 4, 7, None, None, 'RGBA PNG: alpha dropped without compositing; downscale to 256x388'),
    ('exif-rotated-420x300-q90.jpg', 420, 300, 3, 8, 90, 'exif-orientation-6', 'EXIF orientation 6: cv2.imread rotates to 300x420 before preprocessing'),
    ('icc-profile-384x288-q90.jpg', 384, 288, 3, 9, 90, 'icc-profile', 'embedded ICC profile that cv2.imread ignores'),
]


def write_image(file, width, height, channels, seed, quality, variant):
    path = os.path.join(OUT_DIR, file)
    img = synthetic_image(width, height, seed, channels=min(channels, 3))
    if channels == 4:
        rng = np.random.RandomState(seed + 100)
        alpha = np.clip(np.mgrid[0:height, 0:width][1] * 255 // width + rng.randint(-3, 4, size=(height, width)), 0, 255)
        img = np.dstack([img, alpha.astype(np.uint8)])
    if file.endswith('.png'):
        assert cv2.imwrite(path, img, [cv2.IMWRITE_PNG_COMPRESSION, 9])
    elif variant in ('exif-orientation-6', 'icc-profile'):
        ok, encoded = cv2.imencode('.jpg', img, [cv2.IMWRITE_JPEG_QUALITY, quality])
        assert ok
        segment = exif_orientation_segment(6) if variant == 'exif-orientation-6' else icc_profile_segment()
        with open(path, 'wb') as f:
            f.write(insert_segment(encoded.tobytes(), segment))
    else:
        progressive = [cv2.IMWRITE_JPEG_PROGRESSIVE, 1] if variant == 'progressive' else []
        assert cv2.imwrite(path, img, [cv2.IMWRITE_JPEG_QUALITY, quality] + progressive)
    return path


def sha256(array):
    return hashlib.sha256(np.ascontiguousarray(array).tobytes()).hexdigest()


def spot_values(tensor, seed):
    rng = np.random.RandomState(seed)
    positions = [(0, 0, 0), (1, 111, 112), (2, 223, 223)]
    positions += [(int(rng.randint(3)), int(rng.randint(INPUT_SIZE)), int(rng.randint(INPUT_SIZE))) for _ in range(3)]
    return [{'c': c, 'y': y, 'x': x, 'value': float(tensor[c, y, x])} for c, y, x in positions]


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    entries = []
    for file, width, height, channels, seed, quality, variant, purpose in IMAGES:
        path = write_image(file, width, height, channels, seed, quality, variant)
        rgb, resized_shape, crop, tensor = reference_preprocess(path)
        assert tensor.dtype == np.float32 and tensor.shape == (3, INPUT_SIZE, INPUT_SIZE)
        crop_file = os.path.splitext(file)[0] + '.crop.png'
        assert cv2.imwrite(os.path.join(OUT_DIR, crop_file), cv2.cvtColor(crop, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_PNG_COMPRESSION, 9])
        entries.append({
            'file': file,
            'purpose': purpose,
            'decoded': {'width': rgb.shape[1], 'height': rgb.shape[0], 'rgbSha256': sha256(rgb)},
            'resized': {'width': resized_shape[1], 'height': resized_shape[0]},
            'crop': {'file': crop_file, 'rgbSha256': sha256(crop)},
            'tensorSha256': sha256(tensor),
            'spots': spot_values(tensor, seed),
        })
    golden = {
        'generator': 'scripts/golden-preprocessing.py',
        'reference': 'mlcommons/inference python/dataset.py pre_process_vgg (cv2.imread, BGR2RGB, INTER_AREA, centre crop, float32 minus mean, CHW)',
        'opencv': cv2.__version__,
        'numpy': np.__version__,
        'tensor': 'float32 little-endian, shape [3, 224, 224]',
        'images': entries,
    }
    with open(os.path.join(OUT_DIR, 'golden.json'), 'w') as f:
        json.dump(golden, f, indent=2)
        f.write('\n')


if __name__ == '__main__':
    main()
