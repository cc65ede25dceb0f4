import path from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { PAYLOAD_DTYPES, type PayloadDtype } from '../harness/references.ts';
import { DEFAULT_SAMPLES, DEFAULT_SEED, runHarness } from '../harness/run-harness.ts';
import { HARNESS_FORMATS, harnessReporters, type HarnessFormat } from '../report/harness-report.ts';
import { EXIT_COMPLIANT, EXIT_FINDINGS } from './exit-code.ts';
import { colorEnabled, type CliIo } from './io.ts';
import { terminalProgress } from './progress.ts';

interface HarnessCommandOptions {
  model: string;
  dataset: string;
  benchmark?: string;
  samples: number;
  seconds?: number;
  seed: string;
  batch?: number;
  threads?: number;
  payloadDtype?: PayloadDtype;
  format: HarnessFormat;
  output?: string;
}

/** `mlperf-audit harness <scenario-dir> --model <onnx> --dataset <dir>`: exit 0 consistent, 1 not, 2 cannot run. */
export function addHarnessCommand(program: Command, io: CliIo, finish: (exitCode: number) => void, write: (outputPath: string, text: string) => void): void {
  program
    .command('harness')
    .description("re-run a seeded sample of a result's queries through the reference model and judge what the submission logged")
    .argument('<scenario-dir>', 'a result folder, <division>/<submitter>/results/<system>/<benchmark>/<scenario>, with its full accuracy log')
    .requiredOption('--model <onnx>', "the benchmark's reference model (.onnx)")
    .requiredOption('--dataset <dir>', 'the validation set: an ImageNet-style folder with val_map.txt, or MNIST-style IDX files')
    .option('--benchmark <name>', "the benchmark's reference to use; the scenario folder's parent name by default")
    .option('--samples <count>', 'how many samples to re-run at most', positiveInteger, DEFAULT_SAMPLES)
    .option('--seconds <seconds>', 'stop drawing new batches after this long', positiveInteger)
    .option('--seed <text>', 'the sampling seed (publish it after the deadline so the draw cannot be prepared for)', DEFAULT_SEED)
    .option('--batch <size>', 'samples per model run', positiveInteger)
    .option('--threads <count>', "ONNX Runtime's threads per operator", positiveInteger)
    .addOption(new Option('--payload-dtype <dtype>', 'how the logged labels are encoded (auto: from their size)').choices(PAYLOAD_DTYPES))
    .addOption(new Option('--format <format>', 'report format').choices(HARNESS_FORMATS).default('stylish'))
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .action(async (dir: string, options: HarnessCommandOptions) => {
      const progress = terminalProgress(io.stderr);
      const report = await runHarness({
        scenarioDir: path.resolve(io.cwd, dir),
        modelPath: path.resolve(io.cwd, options.model),
        datasetDir: path.resolve(io.cwd, options.dataset),
        samples: options.samples,
        seed: options.seed,
        ...(options.benchmark !== undefined && { benchmark: options.benchmark }),
        ...(options.seconds !== undefined && { seconds: options.seconds }),
        ...(options.batch !== undefined && { batchSize: options.batch }),
        ...(options.threads !== undefined && { threads: options.threads }),
        ...(options.payloadDtype !== undefined && { payloadDtype: options.payloadDtype }),
        ...(progress !== undefined && { onProgress: (done: number, total: number) => progress.bar(done, total, 'samples') }),
      }).finally(() => progress?.clear());
      const toTerminal = options.output === undefined;
      const text = harnessReporters[options.format](report, { color: toTerminal && colorEnabled(io.stdout, io.env) });
      if (toTerminal) io.stdout.write(text);
      else write(path.resolve(io.cwd, options.output as string), text);
      finish(report.passed ? EXIT_COMPLIANT : EXIT_FINDINGS);
    });
}

function positiveInteger(value: string): number {
  if (!/^[1-9]\d*$/.test(value)) throw new InvalidArgumentError('expected a whole number, 1 or more.');
  return Number(value);
}
