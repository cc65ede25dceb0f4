import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataType, rawTensor } from '../../../src/harness/onnx/model-builder.ts';
import { checkPolicy, loadFormatPolicy, type FormatPolicy } from '../../../src/harness/onnx/policy.ts';
import { digitsFixture, fp4Model, fp8Model, int4Model, profileOf } from './format-models.ts';

function policy(nameOrPath: string): FormatPolicy {
  const result = loadFormatPolicy(nameOrPath);
  if (!result.ok) throw new Error(result.problem);
  return result.value;
}

describe('built-in format policies', () => {
  it('"current" allows every format', () => {
    expect(policy('current').allowedFormats).toBe('any');
    expect(checkPolicy(profileOf(fp8Model()), policy('current'))).toEqual([]);
  });

  const whitelist = policy('mlperf-v0.5');

  it('"mlperf-v0.5" is the 2019 whitelist', () => {
    expect(whitelist.allowedFormats).toEqual(['INT4', 'INT8', 'INT16', 'INT32', 'UINT8', 'UINT16', 'UINT32', 'FP11', 'FP16', 'BF16', 'FP32']);
  });

  it('"mlperf-v0.5" fails FP8 and FP4 weights', () => {
    expect(checkPolicy(profileOf(fp8Model()), whitelist)).toEqual([{ format: 'FP8', parameterShare: 1, parameterElements: 4, activationQuantizers: 0 }]);
    expect(checkPolicy(profileOf(fp4Model()), whitelist).map(({ format }) => format)).toEqual(['FP4']);
  });

  it('"mlperf-v0.5" passes QDQ-INT8, FP16 and INT4 (INT4 was on the whitelist)', () => {
    expect(checkPolicy(profileOf(digitsFixture('int8')), whitelist)).toEqual([]);
    expect(checkPolicy(profileOf(digitsFixture('fp16')), whitelist)).toEqual([]);
    expect(checkPolicy(profileOf(int4Model()), whitelist)).toEqual([]);
  });
});

describe('an organisation policy file', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'format-policy-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const write = (name: string, text: string): string => {
    const file = path.join(folder, name);
    writeFileSync(file, text);
    return file;
  };

  it('applies its own list and threshold', () => {
    const file = write('int8-only.yaml', 'name: int8-only\ndescription: INT8 weights, FP32 for the rest\nallowedFormats: [INT8, UINT8, FP32]\nminShare: 0.01\n');
    const int8Only = policy(file);
    expect(checkPolicy(profileOf(digitsFixture('int8')), int8Only)).toEqual([]);
    expect(checkPolicy(profileOf(digitsFixture('fp16')), int8Only)).toEqual([{ format: 'FP16', parameterShare: 1, parameterElements: 15_898, activationQuantizers: 0 }]);
  });

  it('counts activation quantizers in a format it does not allow', () => {
    const fp8Weights = policy(write('fp8-weights.yaml', 'name: fp8-weights\ndescription: FP8 weights, float activations\nallowedFormats: [FP8, FP32]\n'));
    const fp8Activations = profileOf(fp8Model({ activationZeroPoint: rawTensor('x_zero_point', DataType.INT8, [], Uint8Array.of(0)) }));
    expect(checkPolicy(fp8Activations, fp8Weights)).toEqual([{ format: 'INT8', parameterShare: 0, parameterElements: 0, activationQuantizers: 1 }]);
  });

  it('is validated on load', () => {
    expect(loadFormatPolicy(write('typo.yaml', 'name: typo\ndescription: x\nallowedFormats: [INT8, FP7]\n'))).toMatchObject({ ok: false, problem: expect.stringMatching(/allowedFormats\/1 must be equal to one of the allowed values \(FP64, FP32/) });
    expect(loadFormatPolicy(write('extra.yaml', 'name: extra\ndescription: x\nallowedFormats: any\nformats: [INT8]\n'))).toMatchObject({ ok: false, problem: expect.stringMatching(/must NOT have additional properties/) });
    expect(loadFormatPolicy(write('broken.yaml', 'name: [unclosed\n'))).toMatchObject({ ok: false, problem: expect.stringMatching(/cannot be read as YAML/) });
    expect(loadFormatPolicy('mlperf-v9')).toMatchObject({ ok: false, problem: expect.stringMatching(/mlperf-v9 does not exist \(built-in policies: current, mlperf-v0\.5\)/) });
  });
});
