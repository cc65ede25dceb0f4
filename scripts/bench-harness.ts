// The reference harness's throughput, and its overhead over bare session.run on the same inputs (`npm run bench`).
// Compiled with tsconfig.bench.json (it builds the test models of test/support/models). Usage:
//   node .bench-build/scripts/bench-harness.js [--runs N]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import { openDataset } from '../src/harness/datasets.ts';
import { encodeModel } from '../src/harness/onnx/model-builder.ts';
import { inspectModelFile } from '../src/harness/onnx/inspect.ts';
import { runHarness, type HarnessReport } from '../src/harness/run-harness.ts';
import { rankSamples } from '../src/harness/sampler.ts';
import { loadgenLog } from '../test/support/accuracy-logs.ts';
import { modelAnswers, writeDigitsDataset, writeDigitsResult } from '../test/support/digits-submission.ts';
import { buildResnet50ShapeModel } from '../test/support/models/resnet50-shape.ts';
import { mulberry32 } from '../test/support/models/random.ts';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] ?? 0) || 3;
const SEED = 'bench';

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

interface Case {
  readonly name: string;
  readonly scenarioDir: string;
  readonly modelPath: string;
  readonly datasetDir: string;
  readonly benchmark: string;
  readonly samples: number;
  readonly batchSize: number;
  readonly input: string;
  readonly output: string;
}

/** session.run alone on the samples the harness re-runs, in the same batches, with the inputs prepared beforehand. */
async function bareRun(bench: Case, indices: readonly number[]): Promise<number> {
  const dataset = await openDataset(bench.datasetDir);
  if (!dataset.ok) throw new Error(dataset.problem);
  const sampleSize = dataset.value.sampleShape.reduce((product, dim) => product * dim, 1);
  const batches: ort.Tensor[] = [];
  for (let start = 0; start < indices.length; start += bench.batchSize) {
    const chunk = indices.slice(start, start + bench.batchSize);
    const data = new Float32Array(chunk.length * sampleSize);
    await dataset.value.fill(chunk, data);
    batches.push(new ort.Tensor('float32', data, [chunk.length, ...dataset.value.sampleShape]));
  }
  const session = await ort.InferenceSession.create(bench.modelPath, { executionProviders: ['cpu'] });
  const started = performance.now();
  for (const batch of batches) await session.run({ [bench.input]: batch }, [bench.output]);
  const elapsed = performance.now() - started;
  await session.release();
  return elapsed;
}

async function measure(bench: Case): Promise<void> {
  const harnessTimes: number[] = [];
  const rerunTimes: number[] = [];
  const machineryTimes: number[] = [];
  const sampleTimes: number[] = [];
  const bareTimes: number[] = [];
  let report: HarnessReport | undefined;
  const dataset = await openDataset(bench.datasetDir);
  if (!dataset.ok) throw new Error(dataset.problem);
  // Harness and bare runs alternate, so that a busy moment of the machine weighs on both alike.
  for (let run = 0; run < runs; run++) {
    report = await runHarness({ scenarioDir: bench.scenarioDir, modelPath: bench.modelPath, datasetDir: bench.datasetDir, benchmark: bench.benchmark, samples: bench.samples, batchSize: bench.batchSize, seed: SEED });
    harnessTimes.push(report.durationMs);
    rerunTimes.push(report.rerunMs);
    machineryTimes.push(report.rerunMs - report.samplesMs);
    sampleTimes.push(report.samplesMs);
    // The harness re-runs the top of the seeded ranking: the bare run takes the same samples.
    const indices = rankSamples({ seed: SEED, benchmark: bench.benchmark, population: Array.from({ length: dataset.value.size }, (_, index) => index) }).slice(0, report.sampled);
    bareTimes.push(await bareRun(bench, indices));
  }
  if (report === undefined) return;
  const harnessMs = median(harnessTimes);
  const rerunMs = median(rerunTimes);
  const machineryMs = median(machineryTimes);
  const preprocessMs = median(sampleTimes) / report.sampled;
  const bareMs = median(bareTimes);
  const perSecond = (ms: number): string => ((report.sampled * 1000) / ms).toFixed(1).padStart(11);
  const overhead = (ms: number): string => `${(100 * (ms / bareMs - 1)).toFixed(1)} %`.padStart(10);
  console.log(
    `${bench.name.padEnd(22)} ${String(report.sampled).padStart(7)} ${String(bench.batchSize).padStart(5)} ${perSecond(harnessMs)} ${perSecond(rerunMs)} ${perSecond(bareMs)} ${preprocessMs.toFixed(3).padStart(11)} ${overhead(machineryMs)} ${overhead(rerunMs)}`,
  );
}

/** An ImageNet-style folder of random JPEGs, and an honest result of the ResNet-50-shaped model on them. */
async function resnetCase(root: string, images: number): Promise<Case> {
  const modelPath = path.join(root, 'resnet50-shape.onnx');
  writeFileSync(modelPath, encodeModel(buildResnet50ShapeModel({})));
  const datasetDir = path.join(root, 'imagenet');
  mkdirSync(datasetDir, { recursive: true });
  const random = mulberry32(7);
  const lines: string[] = [];
  for (let image = 0; image < images; image++) {
    const [width, height] = [320 + (image % 5) * 40, 280 + (image % 3) * 50];
    const pixels = Buffer.alloc(width * height * 3);
    for (let byte = 0; byte < pixels.length; byte++) pixels[byte] = Math.floor(random() * 256);
    const name = `ILSVRC2012_val_${String(image + 1).padStart(8, '0')}.JPEG`;
    writeFileSync(path.join(datasetDir, name), await sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality: 90 }).toBuffer());
    lines.push(`${name} ${image % 1000}`);
  }
  writeFileSync(path.join(datasetDir, 'val_map.txt'), `${lines.join('\n')}\n`);
  // What the model answers, logged as the reference's main.py does: float32 labels, ArgMax:0 − 1.
  const dataset = await openDataset(datasetDir);
  if (!dataset.ok) throw new Error(dataset.problem);
  const session = await ort.InferenceSession.create(modelPath);
  const records = [];
  for (let index = 0; index < images; index++) {
    const sample = new Float32Array(3 * 224 * 224);
    const [problem] = await dataset.value.fill([index], sample);
    if (problem !== undefined) throw new Error(problem);
    const output = await session.run({ 'input_tensor:0': new ort.Tensor('float32', sample, [1, 3, 224, 224]) }, ['ArgMax:0']);
    const label = Buffer.alloc(4);
    label.writeFloatLE(Math.max(0, Number((output['ArgMax:0']?.data as BigInt64Array)[0]) - 1));
    records.push({ seq_id: index, qsl_idx: index, data: label.toString('hex').toUpperCase() });
  }
  await session.release();
  const scenarioDir = path.join(root, 'closed/Bench/results/cpu/resnet50/Offline');
  mkdirSync(path.join(scenarioDir, 'accuracy'), { recursive: true });
  writeFileSync(path.join(scenarioDir, 'accuracy/mlperf_log_accuracy.json'), loadgenLog(records));
  return { name: 'ResNet-50-shaped FP32', scenarioDir, modelPath, datasetDir, benchmark: 'resnet50', samples: images, batchSize: 8, input: 'input_tensor:0', output: 'ArgMax:0' };
}

/**
 * `inspect-model` on the ResNet-50-shaped model (about 100 MB): the command's work (read the file, profile it) in
 * process, and the whole CLI process, beside a bare `node -e 0` for the part that is Node's own start-up.
 */
async function benchInspectModel(modelPath: string): Promise<void> {
  const inProcess: number[] = [];
  const wholeProcess: number[] = [];
  const bareNode: number[] = [];
  const timed = (command: readonly string[]): number => {
    const started = performance.now();
    const run = spawnSync(process.execPath, command, { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`${command.join(' ')} failed: ${run.stderr}`);
    return performance.now() - started;
  };
  for (let run = 0; run < Math.max(runs, 5); run++) {
    // A new modification time each run: the inspector keeps one profile per path, size and mtime.
    utimesSync(modelPath, new Date(), new Date(Date.now() + run * 1000));
    const started = performance.now();
    const inspected = await inspectModelFile(modelPath);
    inProcess.push(performance.now() - started);
    if (!inspected.ok) throw new Error(inspected.problem);
    wholeProcess.push(timed(['bin/mlperf-audit.js', 'inspect-model', modelPath]));
    bareNode.push(timed(['-e', '0']));
  }
  const size = (readFileSync(modelPath).length / 1e6).toFixed(1);
  console.log(`\ninspect-model on the ResNet-50-shaped model (${size} MB), ${Math.max(runs, 5)} runs, medians:`);
  console.log(`  the command's work (inspectModelFile: read the structure, profile) ${median(inProcess).toFixed(1)} ms; whole CLI process ${median(wholeProcess).toFixed(0)} ms (node -e 0 alone: ${median(bareNode).toFixed(0)} ms)`);
}

const root = mkdtempSync(path.join(tmpdir(), 'mlperf-audit-bench-'));
try {
  const digitsData = path.join(root, 'digits-data');
  writeDigitsDataset(digitsData);
  // npm runs scripts from the package's folder.
  const digitsModel = path.resolve('fixtures/harness/digits/digits-fp32.onnx');
  const digitsScenario = writeDigitsResult(path.join(root, 'digits'), await modelAnswers(digitsModel), 'none');
  console.log(`reference harness, ${runs} runs, medians. whole: the harness end to end (model load, log checks, re-run); re-run: its loop`);
  console.log('over the samples; bare: session.run alone on the same samples, prepared beforehand; prep: reading and preprocessing not');
  console.log('hidden behind inference, per sample; overhead: the re-run without prep over bare, and with it');
  console.log('model                  samples batch   whole s/s  re-run s/s    bare s/s  prep ms/smp   overhead  with prep');
  await measure({ name: 'digits CNN FP32', scenarioDir: digitsScenario, modelPath: digitsModel, datasetDir: digitsData, benchmark: 'digits', samples: 10000, batchSize: 64, input: 'input', output: 'argmax' });
  const resnet = await resnetCase(root, 64);
  await measure(resnet);
  await benchInspectModel(resnet.modelPath);
} finally {
  rmSync(root, { recursive: true, force: true });
}
