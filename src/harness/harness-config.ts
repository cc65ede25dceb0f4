import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { load as loadYaml } from 'js-yaml';
import { PAYLOAD_DTYPES, type PayloadDtype } from './references.ts';
import type { TensorDeclaration } from '../division/preprocessing.ts';
import type { ModelResult } from './model-runner.ts';
import { lazy } from '../util/lazy.ts';

/** Where the reference model and the validation set of one benchmark are. */
export interface ReferencePaths {
  readonly model: string;
  readonly dataset: string;
  readonly payloadDtype?: PayloadDtype;
}

/**
 * What `check --harness <file>` reads: the sampling settings and, per benchmark folder name, the reference model
 * and data set. Paths are relative to the file's folder.
 */
export interface HarnessConfig {
  readonly seed?: string;
  readonly samples?: number;
  readonly seconds?: number;
  readonly references: Readonly<Record<string, ReferencePaths>>;
  /**
   * The ONNX models submitters provided for their results, for the division rules: keyed by a result folder, a
   * `<division>/<submitter>/results/<system>/<benchmark>` folder or a benchmark name (the most specific key wins).
   */
  readonly submittedModels?: Readonly<Record<string, string>>;
  /** The numerical-format policy in force: `current` (default), `mlperf-v0.5`, or an organisation's policy file. */
  readonly formatPolicy?: string;
  /**
   * Preprocessed tensors submitters provided (`<image file>.npy` or `<qsl_idx>.npy` in a folder), keyed as
   * `submittedModels`, for div/preprocessing.
   */
  readonly submittedTensors?: Readonly<Record<string, SubmittedTensors>>;
  /**
   * The calibration set each submitter declares, as a file of one sample per line (a qsl_idx or an image file of the
   * data set), keyed as `submittedModels`, for div/calibration-scales.
   */
  readonly calibrationLists?: Readonly<Record<string, string>>;
}

export interface SubmittedTensors extends TensorDeclaration {
  readonly dir: string;
}

/** The shape of a harness configuration; also the `harness:` setting of mlperf-audit.config.yaml (src/config/schema.ts). */
export const HARNESS_CONFIG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['references'],
  properties: {
    seed: { type: 'string', minLength: 1 },
    samples: { type: 'integer', minimum: 1 },
    seconds: { type: 'number', exclusiveMinimum: 0 },
    submittedModels: { type: 'object', additionalProperties: { type: 'string', minLength: 1 } },
    formatPolicy: { type: 'string', minLength: 1 },
    calibrationLists: { type: 'object', additionalProperties: { type: 'string', minLength: 1 } },
    submittedTensors: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['dir'],
        properties: { dir: { type: 'string', minLength: 1 }, layout: { enum: ['NCHW', 'NHWC'] }, scale: { type: 'number', exclusiveMinimum: 0 }, zeroPoint: { type: 'number' } },
      },
    },
    references: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['model', 'dataset'],
        properties: {
          model: { type: 'string', minLength: 1 },
          dataset: { type: 'string', minLength: 1 },
          payloadDtype: { enum: [...PAYLOAD_DTYPES] },
        },
      },
    },
  },
};

const configValidator = lazy(() => new Ajv({ allErrors: true }).compile<HarnessConfig>(HARNESS_CONFIG_SCHEMA));

/** Reads and validates a harness configuration (YAML or JSON), resolving its paths against its folder. */
export function loadHarnessConfig(file: string): ModelResult<HarnessConfig> {
  let content: unknown;
  try {
    content = loadYaml(readFileSync(file, 'utf8'));
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : `cannot be read as YAML (${cause instanceof Error ? cause.message.split('\n')[0] : String(cause)})`;
    return { ok: false, problem: `${file} ${reason}` };
  }
  const validate = configValidator();
  if (!validate(content)) {
    const errors = (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`);
    return { ok: false, problem: `${file} is not a harness configuration: ${errors.join('; ')} (expected: references: { <benchmark>: { model, dataset } }, and optionally seed, samples, seconds)` };
  }
  return { ok: true, value: resolveHarnessPaths(content, path.dirname(path.resolve(file))) };
}

/** A valid harness configuration with its paths resolved against the folder of the file that holds it. */
export function resolveHarnessPaths(content: HarnessConfig, folder: string): HarnessConfig {
  const references = Object.fromEntries(
    Object.entries(content.references).map(([benchmark, paths]) => [benchmark, { ...paths, model: path.resolve(folder, paths.model), dataset: path.resolve(folder, paths.dataset) }]),
  );
  const resolvePaths = (paths: Readonly<Record<string, string>> | undefined) => paths && Object.fromEntries(Object.entries(paths).map(([key, file]) => [key, path.resolve(folder, file)]));
  const submittedModels = resolvePaths(content.submittedModels);
  const calibrationLists = resolvePaths(content.calibrationLists);
  // A policy file is a path; a built-in policy is a name.
  const formatPolicy = content.formatPolicy !== undefined && /[\\/.]/.test(content.formatPolicy) ? path.resolve(folder, content.formatPolicy) : content.formatPolicy;
  const submittedTensors =
    content.submittedTensors && Object.fromEntries(Object.entries(content.submittedTensors).map(([key, tensors]) => [key, { ...tensors, dir: path.resolve(folder, tensors.dir) }]));
  return { ...content, references, ...(submittedModels && { submittedModels }), ...(formatPolicy !== undefined && { formatPolicy }), ...(submittedTensors && { submittedTensors }), ...(calibrationLists && { calibrationLists }) };
}
