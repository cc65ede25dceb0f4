import { describe, expect, it } from 'vitest';
import { DataType } from '../../../src/harness/onnx/model-builder.ts';
import { formatOfDataType, namesFormat, parseDeclaredFormats, undeclaredFormats } from '../../../src/harness/onnx/formats.ts';
import { digitsFixture, fp8Model, int4Model, profileOf } from './format-models.ts';

describe('parseDeclaredFormats', () => {
  it.each([
    // Values seen in v4.1–v6.0 system descriptions.
    ['int8', ['INT8']],
    ['INT8', ['INT8']],
    ['fp16', ['FP16']],
    ['fp8', ['FP8']],
    ['float8', ['FP8']],
    ['fp4', ['FP4']],
    ['mxfp4', ['FP4']],
    ['bf16', ['BF16']],
    ['bfloat16', ['BF16']],
    ['int4', ['INT4']],
    ['fp32', ['FP32']],
    ['clip1:fp32,clip2:fp32,unet:fp8,vae:fp32', ['FP32', 'FP8']],
    ['fp16/bf16 (images), int32 (tokens)', ['BF16', 'FP16', 'INT32']],
    // Further spellings.
    ['FP8, FP16', ['FP16', 'FP8']],
    ['fp16,bf16,fp8', ['BF16', 'FP16', 'FP8']],
    ['int8,fp16', ['FP16', 'INT8']],
    ['Mixed FP8 and FP16 weights', ['FP16', 'FP8']],
    ['FP8-E4M3', ['FP8']],
    ['float8_e4m3fn', ['FP8']],
    ['NVFP4', ['FP4']],
    ['fp8 (e4m3)', ['FP8']],
    ['INT8 & FP32', ['FP32', 'INT8']],
    ['uint8', ['UINT8']],
    ['half', ['FP16']],
  ])('reads %j', (declared, formats) => {
    expect(parseDeclaredFormats(declared)).toEqual({ formats, unspecific: [], unknown: [] });
  });

  it('reads per-component objects (v6.0 SDXL)', () => {
    expect(parseDeclaredFormats({ clip1: 'fp32', clip2: 'fp32', unet: 'fp8', vae: 'fp32' }).formats).toEqual(['FP32', 'FP8']);
  });

  it('reports declarations that name no format, and unknown words', () => {
    expect(parseDeclaredFormats('mixed')).toEqual({ formats: [], unspecific: ['mixed'], unknown: [] });
    expect(parseDeclaredFormats('No change.')).toEqual({ formats: [], unspecific: ['No change.'], unknown: [] });
    expect(parseDeclaredFormats('int8 sparse, w4a8')).toEqual({ formats: ['INT8'], unspecific: [], unknown: ['sparse', 'w4a8'] });
  });
});

describe('formatOfDataType', () => {
  it('maps every float8 and 4-bit float code to FP8 and FP4, keeping integer signedness', () => {
    expect([DataType.FLOAT8E4M3FN, DataType.FLOAT8E4M3FNUZ, DataType.FLOAT8E5M2, DataType.FLOAT8E5M2FNUZ].map(formatOfDataType)).toEqual(['FP8', 'FP8', 'FP8', 'FP8']);
    expect([DataType.FLOAT4E2M1, DataType.INT4, DataType.UINT4, DataType.BFLOAT16, DataType.FLOAT].map(formatOfDataType)).toEqual(['FP4', 'INT4', 'UINT4', 'BF16', 'FP32']);
    expect(formatOfDataType(0)).toBeUndefined();
  });

  it('lets "int8" name uint8 tensors and vice versa, but not other widths', () => {
    expect(namesFormat(['INT8'], 'UINT8')).toBe(true);
    expect(namesFormat(['UINT4'], 'INT4')).toBe(true);
    expect(namesFormat(['INT8'], 'INT4')).toBe(false);
  });
});

describe('undeclaredFormats (spec harness.md §4.8 check 1)', () => {
  const int8 = profileOf(digitsFixture('int8'));

  it('fails the QDQ-INT8 model declared "fp32", naming INT8', () => {
    expect(undeclaredFormats(int8, 'fp32')).toEqual([{ format: 'INT8', elements: 15_880, share: 15_880 / 15_898 }]);
  });

  it('passes it declared "int8": its FP32 biases hold 0.11 % of the parameters, under 1 %', () => {
    expect(undeclaredFormats(int8, 'int8')).toEqual([]);
    expect(undeclaredFormats(int8, 'int8', 0.001).map(({ format }) => format)).toEqual(['FP32']);
  });

  it('checks FP16, FP8 and INT4 models against their declarations', () => {
    const fp16 = profileOf(digitsFixture('fp16'));
    expect(undeclaredFormats(fp16, 'fp16')).toEqual([]);
    expect(undeclaredFormats(fp16, 'fp32').map(({ format }) => format)).toEqual(['FP16']);
    expect(undeclaredFormats(profileOf(fp8Model()), 'FP8, FP16')).toEqual([]);
    expect(undeclaredFormats(profileOf(fp8Model()), 'int8').map(({ format }) => format)).toEqual(['FP8']);
    expect(undeclaredFormats(profileOf(int4Model()), 'int4')).toEqual([]);
  });

  it('treats "mixed" as naming nothing', () => {
    expect(undeclaredFormats(int8, 'mixed').map(({ format }) => format)).toEqual(['INT8']);
  });
});
