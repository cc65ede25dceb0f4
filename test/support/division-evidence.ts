import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { HarnessConfig } from '../../src/harness/harness-config.ts';
import { decodeModel, encodeModel, tensor, type ModelProto } from '../../src/harness/onnx/model-builder.ts';
import type { HarnessSettings } from '../../src/rules/rule.ts';
import type { MemoryNode } from '../../src/tree/memory-fs.ts';
import { mulberry32 } from './models/random.ts';
import { realResult, withChanges } from './shared-data.ts';

/**
 * Evidence for the division rules: a real v6.0 result (RedHat's whisper, declaring bfloat16 weights) in memory, and
 * ONNX models written to a temporary folder that a harness configuration names as the result's submitted model.
 */
export const WHISPER = realResult('v6.0', 'closed/RedHat/results/8xH200_whisper/whisper/Offline');
export const MEASUREMENTS = `${WHISPER.path}/measurements.json`;
export const DIGITS = path.resolve(import.meta.dirname, '../../fixtures/harness/digits');
const folder = mkdtempSync(path.join(tmpdir(), 'mlperf-audit-division-'));

/** Writes a model (bytes or a ModelProto) to the temporary folder and returns its path. */
export function modelFile(name: string, model: Uint8Array | ModelProto | string): string {
  const file = path.join(folder, name);
  writeFileSync(file, model instanceof Uint8Array || typeof model === 'string' ? model : encodeModel(model));
  return file;
}

/** The result with `weight_data_types` declared as `declared`. */
export function declaring(declared: string): Record<string, MemoryNode> {
  const json = JSON.parse(String(WHISPER.tree[MEASUREMENTS])) as Record<string, unknown>;
  return withChanges(WHISPER.tree, { [MEASUREMENTS]: JSON.stringify({ ...json, weight_data_types: declared }, null, 2) });
}

/** Harness settings whose configuration names `model` as whisper's submitted model. */
export function evidence(config: Partial<HarnessConfig> & { model?: string }): HarnessSettings {
  const { model, ...rest } = config;
  return { config: { references: {}, ...(model !== undefined && { submittedModels: { whisper: model } }), ...rest }, submissionRoot: folder };
}

/**
 * The FP32 digits model with the float values of initializer `name` passed through `edit` (and given `dims`, when
 * asked); `edit` returning undefined removes the initializer.
 */
export function withEditedWeights(name: string, edit: (values: Float32Array) => Float32Array | undefined, dims?: readonly number[]): ModelProto {
  const model = decodeModel(new Uint8Array(readDigits('digits-fp32.onnx')));
  const initializers = model.graph?.initializer ?? [];
  const index = initializers.findIndex((initializer) => initializer.name === name);
  const original = initializers[index];
  if (original === undefined) throw new Error(`no initializer ${name}`);
  // protobufjs hands out views into the whole file: copy the tensor's own bytes.
  const values = edit(new Float32Array(Uint8Array.from(original.rawData ?? []).buffer));
  if (values === undefined) initializers.splice(index, 1);
  else initializers[index] = tensor(name, dims ?? (original.dims ?? []).map(Number), values);
  return model;
}

/** Seeded random values in [-1, 1): a wholesale replacement. */
export function randomValues(values: Float32Array): Float32Array {
  const random = mulberry32(11);
  return values.map(() => random() * 2 - 1);
}

/** Every `step`-th value set to zero: pruning. */
export const everyNthZeroed = (step: number) => (values: Float32Array): Float32Array => values.map((value, position) => (position % step === 0 ? 0 : value));

export function readDigits(name: string): Buffer {
  return readFileSync(path.join(DIGITS, name));
}
