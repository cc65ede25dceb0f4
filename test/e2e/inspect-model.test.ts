import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fp8Model } from '../harness/onnx/format-models.ts';
import { runCli, STACK_TRACE } from '../support/cli.ts';
import { DIGITS, modelFile } from '../support/division-evidence.ts';

const int8 = path.join(DIGITS, 'digits-int8.onnx');

describe('mlperf-audit inspect-model', () => {
  it('prints the format profile of a QDQ-INT8 model', () => {
    const run = runCli(['inspect-model', int8]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^ {4}INT8 +\d+\.\d\d %/m);
    expect(run.stdout).toMatch(/weights +quantized: INT8 ×\d+; scales per tensor \d+, per channel \d+/);
    expect(run.stdout).toMatch(/activations +quantized: (U?INT8) ×\d+/);
    expect(run.stdout).toMatch(/inputs +\S+: FLOAT \[/);
  });

  it('checks a declaration: omitting INT8 fails with exit 1, naming its share', () => {
    const omitted = runCli(['inspect-model', int8, '--declared', 'fp32']);
    expect(omitted.status).toBe(1);
    expect(omitted.stdout).toMatch(/declared +"fp32" omits INT8 \(\d+\.\d\d %\)/);
    expect(runCli(['inspect-model', int8, '--declared', 'int8']).status).toBe(0);
  });

  it('checks a policy: FP8 is not on the 2019 list', () => {
    const fp8 = modelFile('inspect-fp8.onnx', fp8Model());
    const run = runCli(['inspect-model', fp8, '--policy', 'mlperf-v0.5', '--format', 'json']);
    expect(run.status).toBe(1);
    const inspection = JSON.parse(run.stdout) as { policy: { name: string; violations: { format: string }[] }; profile: { parameters: { total: number } } };
    expect(inspection.policy.name).toBe('mlperf-v0.5');
    expect(inspection.policy.violations.map((violation) => violation.format)).toContain('FP8');
    expect(inspection.profile.parameters.total).toBeGreaterThan(0);
  });

  it('turns a file that is not a model, a missing file and an unknown policy into one-line errors with exit 2', () => {
    const notModel = modelFile('inspect-not-a-model.onnx', '{"json": true}');
    for (const args of [['inspect-model', notModel], ['inspect-model', 'no-such-model.onnx'], ['inspect-model', int8, '--policy', 'no-such-policy']]) {
      const run = runCli(args);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/^mlperf-audit: error: .+\n$/);
      expect(run.stderr).not.toMatch(STACK_TRACE);
    }
  });
});
