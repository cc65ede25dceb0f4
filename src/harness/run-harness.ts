import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileSource } from '../checkers/file-loader.ts';
import { accuracyTxtParser } from '../parsers/accuracy-txt.ts';
import type { ParseResult, Parser } from '../parsers/parse-result.ts';
import { DiskFs } from '../tree/disk-fs.ts';
import { compareClassification, DEFAULT_CLASSIFICATION_TOLERANCES, type ClassificationTolerances } from './compare/classification.ts';
import type { ComparisonFinding } from './compare/types.ts';
import { openDataset, type HarnessDataset } from './datasets.ts';
import { decodeClassification } from './decoders.ts';
import { loggedResponsesParser, type LoggedResponse, type LoggedResponses } from './logged-responses.ts';
import { ModelRunner } from './model-runner.ts';
import { REFERENCES, type ClassificationReference, type PayloadDtype } from './references.ts';
import { rankSamples } from './sampler.ts';

export type HarnessStatus = 'pass' | 'warn' | 'fail' | 'info';

/** One conclusion of the harness, with the numbers it rests on. */
export interface HarnessFinding {
  readonly check: string;
  readonly status: HarnessStatus;
  readonly message: string;
  readonly evidence?: Readonly<Record<string, number | string>>;
  /** Relative to the scenario folder. */
  readonly file?: string;
  readonly line?: number;
}

export interface HarnessOptions {
  /** The result folder `<division>/<submitter>/results/<system>/<benchmark>/<scenario>`. */
  readonly scenarioDir: string;
  readonly modelPath: string;
  readonly datasetDir: string;
  /** The benchmark's reference; the scenario folder's parent name when absent. */
  readonly benchmark?: string;
  /** At most this many samples are re-run. */
  readonly samples?: number;
  /** Stop drawing new batches after this long. */
  readonly seconds?: number;
  /** The sampling seed: publish it only after the submissions are in, so no one can prepare for the draw. */
  readonly seed?: string;
  readonly batchSize?: number;
  readonly threads?: number;
  readonly payloadDtype?: PayloadDtype;
  readonly tolerances?: Partial<ClassificationTolerances>;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface HarnessReport {
  readonly scenario: string;
  readonly benchmark: string;
  readonly task: string;
  readonly seed: string;
  readonly model?: { readonly path: string; readonly input: string; readonly output: string };
  readonly dataset?: string;
  /** Samples re-run, of which from the TEST01 performance-mode log. */
  readonly sampled: number;
  readonly sampledFromTest01: number;
  readonly durationMs: number;
  /** Time of the re-run: reading and preprocessing the samples, and running the model on them. */
  readonly rerunMs: number;
  /** Of which inside ONNX Runtime. */
  readonly modelMs: number;
  /** Of which waiting for samples to be read and preprocessed (what inference did not hide). */
  readonly samplesMs: number;
  readonly findings: readonly HarnessFinding[];
  readonly passed: boolean;
}

/** The harness cannot start: a missing model or dataset, an unknown benchmark (exit code 2). */
export class HarnessSetupError extends Error {
  override readonly name = 'HarnessSetupError';
}

export const DEFAULT_SEED = 'mlperf-audit';
export const DEFAULT_SAMPLES = 500;
const DEFAULT_BATCH = 32;
const ACCURACY_LOG = 'accuracy/mlperf_log_accuracy.json';
const ACCURACY_TXT = 'accuracy/accuracy.txt';
/** accuracy-imagenet.py's line: `accuracy=76.456%, good=38228, total=50000`. */
const IMAGENET_ACCURACY = { acc: String.raw`^accuracy=([\d.]+)%` };

/**
 * Re-runs a seeded sample of a result's queries through the reference model and judges what the submission logged
 * for them (spec harness.md §4): every logged payload decoded and validated, the claimed accuracy recomputed from the
 * log, and the sampled answers compared with the reference model's.
 */
export async function runHarness(options: HarnessOptions): Promise<HarnessReport> {
  const started = performance.now();
  const scenarioDir = path.resolve(options.scenarioDir);
  const benchmark = options.benchmark ?? path.basename(path.dirname(scenarioDir));
  const reference = REFERENCES[benchmark];
  if (reference === undefined) {
    throw new HarnessSetupError(`no reference is known for benchmark "${benchmark}" (known: ${Object.keys(REFERENCES).join(', ')}); pass --benchmark`);
  }
  const seed = options.seed ?? DEFAULT_SEED;
  const fs = new DiskFs(scenarioDir);
  const findings: HarnessFinding[] = [];
  const base = { scenario: scenarioDir, benchmark, task: reference.task, seed };

  const log = await readScenarioFile(scenarioDir, fs, ACCURACY_LOG, loggedResponsesParser);
  if (!log.ok) throw new HarnessSetupError(`${path.join(scenarioDir, ACCURACY_LOG)} ${log.problem}`);
  if (reference.task !== 'classification') {
    findings.push(validatePayloads(log.value, reference.validate));
    findings.push({ check: 'rerun', status: 'info', message: `cannot re-run ${benchmark}: ${reference.reason}.` });
    return { ...base, sampled: 0, sampledFromTest01: 0, durationMs: performance.now() - started, rerunMs: 0, modelMs: 0, samplesMs: 0, findings, passed: !findings.some((finding) => finding.status === 'fail') };
  }

  const [runner, dataset] = await Promise.all([ModelRunner.open(options.modelPath, options.threads === undefined ? {} : { threads: options.threads }), openDataset(options.datasetDir, reference.dataset)]);
  if (!runner.ok) throw new HarnessSetupError(runner.problem);
  try {
    if (!dataset.ok) throw new HarnessSetupError(dataset.problem);
    const binding = runner.value.bind(dataset.value.sampleShape, [reference.output]);
    if (!binding.ok) throw new HarnessSetupError(`${options.modelPath}: ${binding.problem}`);
    const labels = decodeLabels(log.value, reference, options.payloadDtype ?? reference.payload, findings);
    if (log.value.form === 'truncated') {
      findings.push({
        check: 'coverage',
        status: 'info',
        message: `${ACCURACY_LOG} is truncated: neither its coverage nor the accuracy it scores can be checked, and only its ${log.value.responses.length} surviving records can be compared; run the harness on the full log.`,
        file: ACCURACY_LOG,
      });
    } else {
      checkCoverage(log.value, dataset.value, findings);
      await checkClaimedAccuracy(scenarioDir, fs, labels, dataset.value, findings);
    }

    const test01 = await readTest01Log(scenarioDir);
    const ranked = rankSamples({ seed, benchmark, population: labels.keys(), priority: test01 });
    const wanted = ranked.filter((index) => dataset.value.label(index) !== undefined).slice(0, options.samples ?? DEFAULT_SAMPLES);
    const rerun = await rerunSamples(runner.value, binding.value, dataset.value, reference, wanted, options, started);
    findings.push(...rerun.problems);
    const records = rerun.referenceLabels.map(([qslIdx, referenceLabel]) => ({ qslIdx, truth: dataset.value.label(qslIdx) as number, logged: labels.get(qslIdx) as number, reference: referenceLabel }));
    const comparison = compareClassification(records, { ...DEFAULT_CLASSIFICATION_TOLERANCES, ...options.tolerances });
    findings.push(...comparison.findings.map(fromComparison));
    const priority = new Set(test01);
    return {
      ...base,
      model: { path: options.modelPath, input: binding.value.input, output: reference.output },
      dataset: dataset.value.description,
      sampled: records.length,
      sampledFromTest01: records.filter((record) => priority.has(record.qslIdx)).length,
      durationMs: performance.now() - started,
      rerunMs: rerun.rerunMs,
      modelMs: rerun.modelMs,
      samplesMs: rerun.samplesMs,
      findings,
      passed: !findings.some((finding) => finding.status === 'fail'),
    };
  } finally {
    await runner.value.release();
  }
}

type FileResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

async function readScenarioFile<T>(scenarioDir: string, fs: DiskFs, relative: string, parser: Parser<T>): Promise<FileResult<T>> {
  let size: number;
  try {
    size = (await stat(path.join(scenarioDir, relative))).size;
  } catch {
    return { ok: false, problem: 'does not exist' };
  }
  const result: ParseResult<T> = await parser.parse(fileSource(fs, relative, size));
  return result.ok ? result : { ok: false, problem: result.problems.map((problem) => problem.message).join('; ') };
}

/** The qsl_idx values of TEST01's performance-mode log, in the result folder (v6.0 on) or under compliance/. */
async function readTest01Log(scenarioDir: string): Promise<number[]> {
  const inside = path.join(scenarioDir, 'TEST01');
  const beside = scenarioDir.replace(`${path.sep}results${path.sep}`, `${path.sep}compliance${path.sep}`);
  for (const folder of [inside, path.join(beside, 'TEST01')]) {
    const log = await readScenarioFile(folder, new DiskFs(folder), ACCURACY_LOG, loggedResponsesParser);
    if (log.ok) return log.value.responses.map((response) => response.qslIdx);
  }
  return [];
}

/** Every logged payload of a benchmark the harness cannot re-run, decoded and validated. */
function validatePayloads(log: LoggedResponses, validate: (hex: string, qslIdx: number) => string | undefined): HarnessFinding {
  let invalid = 0;
  let first: { response: LoggedResponse; problem: string } | undefined;
  for (const response of log.responses) {
    const problem = validate(response.hex, response.qslIdx);
    if (problem === undefined) continue;
    invalid++;
    first ??= { response, problem };
  }
  if (first === undefined) return { check: 'payload-decoding', status: 'pass', message: `all ${log.responses.length} logged payloads decode to valid responses.`, evidence: { responses: log.responses.length } };
  return {
    check: 'payload-decoding',
    status: 'fail',
    message: `${invalid} of ${log.responses.length} logged payloads are not valid responses (first, qsl_idx ${first.response.qslIdx}: ${first.problem}).`,
    evidence: { invalid, responses: log.responses.length },
    file: ACCURACY_LOG,
    line: first.response.line,
  };
}

/** Every logged payload decoded; the first label of each qsl_idx kept, as accuracy-imagenet.py does. */
function decodeLabels(log: LoggedResponses, reference: ClassificationReference, dtype: PayloadDtype, findings: HarnessFinding[]): Map<number, number> {
  const labels = new Map<number, number>();
  findings.push(
    validatePayloads(log, (hex, qslIdx) => {
      const decoded = decodeClassification(hex, { dtype, numClasses: reference.classes });
      if (!decoded.ok) return decoded.problem;
      if (!labels.has(qslIdx)) labels.set(qslIdx, decoded.value.label);
      return undefined;
    }),
  );
  return labels;
}

/** In accuracy mode LoadGen issues every sample of the data set exactly once. */
function checkCoverage(log: LoggedResponses, dataset: HarnessDataset, findings: HarnessFinding[]): void {
  const seen = new Set<number>();
  let repeated = 0;
  let outside = 0;
  for (const response of log.responses) {
    if (seen.has(response.qslIdx)) repeated++;
    if (response.qslIdx >= dataset.size) outside++;
    seen.add(response.qslIdx);
  }
  const missing = dataset.size - [...seen].filter((index) => index < dataset.size).length;
  const evidence = { responses: log.responses.length, distinct: seen.size, datasetSize: dataset.size, missing, repeated, outside };
  if (missing === 0 && repeated === 0 && outside === 0) {
    findings.push({ check: 'coverage', status: 'pass', message: `the log covers each of the ${dataset.size} samples exactly once.`, evidence });
    return;
  }
  findings.push({
    check: 'coverage',
    status: 'fail',
    message: `the log should cover each of the ${dataset.size} samples exactly once, but ${missing} are missing, ${repeated} records repeat a sample and ${outside} are beyond the data set.`,
    evidence,
    file: ACCURACY_LOG,
  });
}

/** accuracy.txt's accuracy must be what the logged labels score against the data set's labels, to its 3 decimals. */
async function checkClaimedAccuracy(scenarioDir: string, fs: DiskFs, labels: ReadonlyMap<number, number>, dataset: HarnessDataset, findings: HarnessFinding[]): Promise<void> {
  const claimed = await readScenarioFile(scenarioDir, fs, ACCURACY_TXT, accuracyTxtParser('harness-imagenet', IMAGENET_ACCURACY));
  const match = claimed.ok ? claimed.value.matches.find((found) => found.metric === 'acc') : undefined;
  let good = 0;
  for (const [index, label] of labels) if (dataset.label(index) === label) good++;
  const recomputed = labels.size === 0 ? 0 : (100 * good) / labels.size;
  const evidence = { good, total: labels.size, recomputed: Number(recomputed.toFixed(3)) };
  if (match === undefined) {
    findings.push({ check: 'claimed-accuracy', status: 'info', message: `${ACCURACY_TXT} states no accuracy=…% to compare; the log scores ${recomputed.toFixed(3)} % (${good}/${labels.size}).`, evidence });
    return;
  }
  const stated = Number(match.text);
  if (stated.toFixed(3) === recomputed.toFixed(3)) {
    findings.push({ check: 'claimed-accuracy', status: 'pass', message: `${ACCURACY_TXT} states ${match.text} %, which the logged labels score (${good}/${labels.size}).`, evidence: { ...evidence, stated } });
    return;
  }
  findings.push({
    check: 'claimed-accuracy',
    status: 'fail',
    message: `${ACCURACY_TXT} states ${match.text} %, but the logged labels score ${recomputed.toFixed(3)} % (${good}/${labels.size}) against the data set's labels: the accuracy was not computed from this log.`,
    evidence: { ...evidence, stated },
    file: ACCURACY_TXT,
    line: match.line,
  });
}

interface Rerun {
  readonly referenceLabels: readonly (readonly [number, number])[];
  readonly problems: readonly HarnessFinding[];
  readonly rerunMs: number;
  readonly modelMs: number;
  readonly samplesMs: number;
}

/** The reference model's label for each wanted sample, in batches, until the sample or time budget runs out. */
async function rerunSamples(
  runner: ModelRunner,
  binding: { readonly input: string; readonly maxBatch: number },
  dataset: HarnessDataset,
  reference: ClassificationReference,
  wanted: readonly number[],
  options: HarnessOptions,
  started: number,
): Promise<Rerun> {
  const rerunStarted = performance.now();
  const batchSize = Math.max(1, Math.min(options.batchSize ?? DEFAULT_BATCH, binding.maxBatch));
  const referenceLabels: (readonly [number, number])[] = [];
  const unreadable: string[] = [];
  let modelMs = 0;
  let samplesMs = 0;
  let stoppedEarly = false;
  // The next batch is read and preprocessed while the model runs the current one (image decoding runs on libuv's
  // threads), so preprocessing hides behind inference instead of adding to it.
  const sampleSize = dataset.sampleShape.reduce((product, dim) => product * dim, 1);
  // Two buffers in turn: one the model reads while the next batch is written into the other.
  const buffers = [new Float32Array(batchSize * sampleSize), new Float32Array(batchSize * sampleSize)];
  const load = async (start: number): Promise<{ indices: readonly number[]; batch: Float32Array; problems: readonly (string | undefined)[] }> => {
    const indices = wanted.slice(start, start + batchSize);
    const buffer = buffers[(start / batchSize) % 2] as Float32Array;
    const batch = indices.length === batchSize ? buffer : buffer.subarray(0, indices.length * sampleSize);
    return { indices, batch, problems: await dataset.fill(indices, batch) };
  };
  // A data set that reads synchronously (IDX) does all its work inside the call: that time is counted too.
  const startLoading = (start: number): ReturnType<typeof load> => {
    const loadStarted = performance.now();
    const loading = load(start);
    samplesMs += performance.now() - loadStarted;
    return loading;
  };
  let next = startLoading(0);
  for (let start = 0; start < wanted.length; start += batchSize) {
    const waitStarted = performance.now();
    const loaded = await next;
    samplesMs += performance.now() - waitStarted;
    if (options.seconds !== undefined && performance.now() - started > options.seconds * 1000) {
      stoppedEarly = true;
      break;
    }
    if (start + batchSize < wanted.length) next = startLoading(start + batchSize);
    // A sample that could not be read stays zeros in the batch; its answer is dropped.
    for (const problem of loaded.problems) if (problem !== undefined) unreadable.push(problem);
    const modelStarted = performance.now();
    const outputs = await runner.run(binding.input, loaded.batch, loaded.indices.length, dataset.sampleShape, [reference.output]);
    modelMs += performance.now() - modelStarted;
    const answers = outputs.get(reference.output);
    if (answers !== undefined && answers.perSample >= 1) {
      loaded.indices.forEach((index, position) => {
        // The class is the first value of each sample's output (ArgMax gives one).
        if (loaded.problems[position] === undefined) referenceLabels.push([index, Number(answers.data[position * answers.perSample]) + reference.labelOffset]);
      });
    }
    options.onProgress?.(Math.min(start + batchSize, wanted.length), wanted.length);
  }
  const problems: HarnessFinding[] = [];
  if (unreadable.length > 0) {
    problems.push({ check: 'dataset', status: 'warn', message: `${unreadable.length} sampled images could not be used (first: ${unreadable[0]}); they were left out of the comparison.`, evidence: { unreadable: unreadable.length } });
  }
  if (stoppedEarly) {
    problems.push({ check: 'budget', status: 'info', message: `the time budget of ${options.seconds} s ran out after ${referenceLabels.length} of ${wanted.length} samples.`, evidence: { done: referenceLabels.length, wanted: wanted.length } });
  }
  return { referenceLabels, problems, rerunMs: performance.now() - rerunStarted, modelMs, samplesMs };
}

function fromComparison(finding: ComparisonFinding): HarnessFinding {
  return { check: finding.check, status: finding.status, message: finding.message, evidence: finding.evidence };
}
