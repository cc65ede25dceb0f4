import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { HarnessSetupError, runHarness, type HarnessFinding, type HarnessReport } from '../../src/harness/run-harness.ts';
import { loadgenLog } from '../support/accuracy-logs.ts';
import { DIGITS_MODELS, modelAnswers, writeDigitsDataset, writeDigitsResult, type Doctoring } from '../support/digits-submission.ts';

const FP32 = path.join(DIGITS_MODELS, 'digits-fp32.onnx');
const INT8 = path.join(DIGITS_MODELS, 'digits-int8.onnx');
const SAMPLES = 1000;

let workDir: string;
let dataset: string;
const scenarios = new Map<string, string>();

function finding(report: HarnessReport, check: string): HarnessFinding {
  const found = report.findings.find((candidate) => candidate.check === check);
  expect(found, `a ${check} finding in ${JSON.stringify(report.findings.map((item) => item.check))}`).toBeDefined();
  return found as HarnessFinding;
}

const harness = (name: string, model = FP32): Promise<HarnessReport> => runHarness({ scenarioDir: scenarios.get(name) as string, modelPath: model, datasetDir: dataset, samples: SAMPLES, seed: 'harness-test' });

beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), 'mlperf-audit-harness-'));
  dataset = path.join(workDir, 'dataset');
  writeDigitsDataset(dataset);
  const [fp32Answers, int8Answers] = await Promise.all([modelAnswers(FP32), modelAnswers(INT8)]);
  const variants: [string, Int32Array, Doctoring][] = [
    ['honest-fp32', fp32Answers, 'none'],
    ['honest-int8', int8Answers, 'none'],
    ['ground-truth', fp32Answers, 'ground-truth'],
    ['swapped', fp32Answers, 'swapped'],
    ['removed', fp32Answers, 'removed'],
    ['inflated', fp32Answers, 'inflated'],
  ];
  for (const [name, answers, doctoring] of variants) scenarios.set(name, writeDigitsResult(path.join(workDir, name), answers, doctoring));
}, 60_000);

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('the reference harness on the digits submissions', () => {
  it('passes the honest FP32 run: every check passes', async () => {
    const report = await harness('honest-fp32');
    expect(report.findings.filter((item) => item.status !== 'pass')).toEqual([]);
    expect(report.passed).toBe(true);
    expect(report.sampled).toBe(SAMPLES);
    // TEST01's performance-mode samples are drawn first.
    expect(report.sampledFromTest01).toBe(120);
    expect(finding(report, 'agreement').evidence?.['agreement']).toBe(1);
  });

  it('passes the honest INT8 run against the FP32 reference: the few flips go both ways', async () => {
    const report = await harness('honest-int8');
    expect(report.passed).toBe(true);
    const mcnemar = finding(report, 'mcnemar');
    expect(mcnemar.status).toBe('pass');
    expect(mcnemar.evidence?.['pValue']).toBeGreaterThan(1e-3);
  });

  it('fails a log with ground truth put into half of the wrong answers, by McNemar p-value', async () => {
    const report = await harness('ground-truth');
    expect(report.passed).toBe(false);
    const mcnemar = finding(report, 'mcnemar');
    expect(mcnemar.status).toBe('fail');
    expect(mcnemar.evidence?.['c']).toBe(0);
    expect(mcnemar.evidence?.['b']).toBeGreaterThan(20);
    expect(mcnemar.evidence?.['pValue']).toBeLessThan(1e-6);
  });

  it('fails a log whose answers were swapped between samples, by agreement', async () => {
    const report = await harness('swapped');
    expect(report.passed).toBe(false);
    const agreement = finding(report, 'agreement');
    expect(agreement.status).toBe('fail');
    expect(agreement.evidence?.['agreement']).toBeLessThan(0.5);
  });

  it('fails a log with entries removed, by count', async () => {
    const report = await harness('removed');
    expect(report.passed).toBe(false);
    const coverage = finding(report, 'coverage');
    expect(coverage.status).toBe('fail');
    expect(coverage.evidence).toMatchObject({ missing: 200, repeated: 0, outside: 0, datasetSize: 10000 });
  });

  it('fails an accuracy.txt that claims more than the log scores', async () => {
    const report = await harness('inflated');
    expect(report.passed).toBe(false);
    const claimed = finding(report, 'claimed-accuracy');
    expect(claimed.status).toBe('fail');
    expect(Number(claimed.evidence?.['stated']) - Number(claimed.evidence?.['recomputed'])).toBeCloseTo(2, 3);
    expect(claimed.file).toBe('accuracy/accuracy.txt');
  });

  it('draws the same samples for the same seed, and others for another seed', async () => {
    const first = await runHarness({ scenarioDir: scenarios.get('ground-truth') as string, modelPath: FP32, datasetDir: dataset, samples: 50, seed: 'a' });
    const again = await runHarness({ scenarioDir: scenarios.get('ground-truth') as string, modelPath: FP32, datasetDir: dataset, samples: 50, seed: 'a' });
    expect(again.findings).toEqual(first.findings);
    expect(first.sampled).toBe(50);
  });

  it('stops at a missing model, a data set that does not fit the model, or an unknown benchmark', async () => {
    const scenarioDir = scenarios.get('honest-fp32') as string;
    await expect(runHarness({ scenarioDir, modelPath: path.join(workDir, 'none.onnx'), datasetDir: dataset })).rejects.toThrow(HarnessSetupError);
    await expect(runHarness({ scenarioDir, modelPath: FP32, datasetDir: workDir })).rejects.toThrow(/needs both an \*-images-idx3-ubyte and an \*-labels-idx1-ubyte file/);
    await expect(runHarness({ scenarioDir, modelPath: FP32, datasetDir: dataset, benchmark: 'gpt-j' })).rejects.toThrow(/no reference is known for benchmark "gpt-j"/);
    writeFileSync(path.join(workDir, 'not-a-model.onnx'), 'hello');
    await expect(runHarness({ scenarioDir, modelPath: path.join(workDir, 'not-a-model.onnx'), datasetDir: dataset })).rejects.toThrow(/not a model ONNX Runtime can load/);
  });
});

describe('benchmarks the harness decodes but cannot re-run', () => {
  /** A result folder of `benchmark` whose accuracy log holds `payloads` (hex, by qsl_idx). */
  function decodeOnlyResult(benchmark: string, payloads: readonly string[]): string {
    const scenarioDir = path.join(workDir, `decode-only-${benchmark}`, `closed/Org/results/sys/${benchmark}/Offline`);
    mkdirSync(path.join(scenarioDir, 'accuracy'), { recursive: true });
    writeFileSync(path.join(scenarioDir, 'accuracy/mlperf_log_accuracy.json'), loadgenLog(payloads.map((data, index) => ({ seq_id: index, qsl_idx: index, data }))));
    return scenarioDir;
  }
  const float32Hex = (values: readonly number[]): string => Buffer.from(new Float32Array(values).buffer).toString('hex').toUpperCase();
  const detection = (qslIdx: number, score: number): number[] => [qslIdx, 0.1, 0.2, 0.5, 0.6, score, 3];

  it('validates every retinanet payload and says why it cannot re-run them', async () => {
    const scenarioDir = decodeOnlyResult('retinanet', [float32Hex([...detection(0, 0.9), ...detection(0, 0.4)]), '', float32Hex(detection(7, 0.8))]);
    const report = await runHarness({ scenarioDir, modelPath: FP32, datasetDir: dataset });
    expect(report.passed).toBe(false);
    expect(finding(report, 'payload-decoding')).toMatchObject({ status: 'fail', evidence: { invalid: 1, responses: 3 }, line: 4 });
    expect(finding(report, 'rerun')).toMatchObject({ status: 'info' });
    expect(finding(report, 'rerun').message).toContain('cannot re-run retinanet');
  });

  it('accepts bert logits in float32 and float16', async () => {
    const scenarioDir = decodeOnlyResult('bert-99', [float32Hex(Array.from({ length: 768 }, (_, index) => index / 100)), '00'.repeat(1536)]);
    const report = await runHarness({ scenarioDir, modelPath: FP32, datasetDir: dataset });
    expect(report.passed).toBe(true);
    expect(finding(report, 'payload-decoding').evidence).toEqual({ responses: 2 });
  });
});

describe('mlperf-audit harness', () => {
  const run = async (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
    let stdout = '';
    let stderr = '';
    const code = await main(args, { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) }, env: { NO_COLOR: '1' }, cwd: workDir });
    return { code, stdout, stderr };
  };

  it('exits 0 on an honest run and prints each check', async () => {
    const { code, stdout } = await run(['harness', scenarios.get('honest-int8') as string, '--model', FP32, '--dataset', dataset, '--samples', '200']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ {2}pass {2}mcnemar/m);
    expect(stdout).toContain('200 samples re-run');
  });

  it('exits 1 on a doctored log, with the evidence in JSON', async () => {
    const { code, stdout } = await run(['harness', scenarios.get('ground-truth') as string, '--model', FP32, '--dataset', dataset, '--format', 'json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as HarnessReport & { schemaVersion: number };
    expect(report.schemaVersion).toBe(1);
    expect(report.findings.find((item) => item.check === 'mcnemar')?.status).toBe('fail');
  });

  it('exits 2 with one line on stderr when the model is missing', async () => {
    const { code, stderr } = await run(['harness', scenarios.get('honest-fp32') as string, '--model', 'missing.onnx', '--dataset', dataset]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^mlperf-audit: error: .*missing\.onnx does not exist/);
  });
});

describe('mlperf-audit check --harness', () => {
  const check = async (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
    let stdout = '';
    let stderr = '';
    const code = await main(['check', ...args], { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) }, env: { NO_COLOR: '1' }, cwd: workDir });
    return { code, stdout, stderr };
  };

  it('reports the harness findings of each result as harness/rerun diagnostics', async () => {
    writeFileSync(path.join(workDir, 'harness.yaml'), `seed: cli\nsamples: 1000\nreferences:\n  digits: { model: ${FP32}, dataset: dataset }\n`);
    const { stdout, stderr } = await check(['ground-truth', '--round', 'v6.0', '--harness', 'harness.yaml', '--format', 'json']);
    expect(stderr).toBe('');
    const audit = JSON.parse(stdout) as { diagnostics: { ruleId: string; messageId: string; severity: string }[] };
    expect(audit.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'harness/rerun').map(({ messageId, severity }) => `${messageId}:${severity}`)).toContain('failed:error');
  });

  it('exits 2 on a configuration that is not one', async () => {
    writeFileSync(path.join(workDir, 'bad.yaml'), 'references: { digits: { model: 3 } }\n');
    const { code, stderr } = await check(['honest-fp32', '--round', 'v6.0', '--harness', 'bad.yaml']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/bad\.yaml is not a harness configuration: .*must have required property 'dataset'/);
  });
});

