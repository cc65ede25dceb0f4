import { stat } from 'node:fs/promises';
import type * as ort from 'onnxruntime-node';
import { loadOnnxRuntime, type OnnxRuntime } from './native-modules.ts';

/** A model input or output as the ONNX file declares it. */
export interface ModelValue {
  readonly name: string;
  /** ONNX Runtime's tensor type (`float32`, `int64`, …), or `non-tensor`. */
  readonly type: string;
  /** Dimensions; a string is a symbolic dimension such as the batch size `N`. */
  readonly shape: readonly (number | string)[];
}

export interface ModelRunnerOptions {
  /** Threads of one operator (ONNX Runtime's intra-op pool); the runtime's default when absent. */
  readonly threads?: number;
}

export type ModelResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

/** One output of a batch: the samples' values one after the other, `perSample` values each, in input order. */
export interface BatchOutput {
  readonly data: Float32Array | BigInt64Array | Int32Array;
  readonly perSample: number;
}

/** The outputs of one batch, by output name. */
export type BatchOutputs = ReadonlyMap<string, BatchOutput>;

/**
 * A reference model on ONNX Runtime's CPU provider. Opening it reports a missing or unreadable file, or a file that
 * is not a model, as a problem; binding checks the names and shapes the harness will feed before any sample runs.
 */
export class ModelRunner {
  readonly path: string;
  readonly inputs: readonly ModelValue[];
  readonly outputs: readonly ModelValue[];
  readonly #session: ort.InferenceSession;
  readonly #runtime: OnnxRuntime;

  private constructor(path: string, session: ort.InferenceSession, runtime: OnnxRuntime) {
    this.path = path;
    this.#session = session;
    this.#runtime = runtime;
    this.inputs = session.inputMetadata.map(describeValue);
    this.outputs = session.outputMetadata.map(describeValue);
  }

  static async open(path: string, options: ModelRunnerOptions = {}): Promise<ModelResult<ModelRunner>> {
    try {
      const file = await stat(path);
      if (!file.isFile()) return { ok: false, problem: `${path} is not a file; --model takes an .onnx file` };
    } catch {
      return { ok: false, problem: `${path} does not exist; --model takes the reference model's .onnx file` };
    }
    // Outside the try: a runtime that cannot load is a broken installation, not a bad model file.
    const runtime = await loadOnnxRuntime();
    try {
      const session = await runtime.InferenceSession.create(path, {
        executionProviders: ['cpu'],
        ...(options.threads !== undefined && { intraOpNumThreads: options.threads, interOpNumThreads: 1 }),
      });
      return { ok: true, value: new ModelRunner(path, session, runtime) };
    } catch (cause) {
      return { ok: false, problem: `${path} is not a model ONNX Runtime can load (${cause instanceof Error ? cause.message : String(cause)})` };
    }
  }

  /**
   * Checks that the model takes one float32 sample of `sampleShape` per batch row at `inputName` (its only input when
   * absent) and has the outputs asked for; returns the input's name and the largest batch it accepts.
   */
  bind(sampleShape: readonly number[], outputNames: readonly string[], inputName?: string): ModelResult<{ input: string; maxBatch: number }> {
    const input = inputName === undefined ? (this.inputs.length === 1 ? this.inputs[0] : undefined) : this.inputs.find((value) => value.name === inputName);
    if (input === undefined) {
      const names = this.inputs.map((value) => value.name).join(', ');
      return { ok: false, problem: inputName === undefined ? `the model has ${this.inputs.length} inputs (${names}); name the one that takes the samples` : `the model has no input "${inputName}" (its inputs: ${names})` };
    }
    if (input.type !== 'float32') return { ok: false, problem: `the model's input "${input.name}" is ${input.type}; the harness feeds float32 samples` };
    const [batch, ...rest] = input.shape;
    const mismatch = rest.length !== sampleShape.length || rest.some((dim, axis) => typeof dim === 'number' && dim !== sampleShape[axis]);
    if (batch === undefined || mismatch) {
      return { ok: false, problem: `the model's input "${input.name}" has shape [${input.shape.join(', ')}], but the preprocessing gives samples of [${sampleShape.join(', ')}] (with a batch dimension first)` };
    }
    const missing = outputNames.filter((name) => !this.outputs.some((value) => value.name === name));
    if (missing.length > 0) {
      return { ok: false, problem: `the model has no output ${missing.map((name) => `"${name}"`).join(', ')} (its outputs: ${this.outputs.map((value) => value.name).join(', ')})` };
    }
    // A fixed first dimension (e.g. 1 for retinanet) is the only batch size the model takes.
    return { ok: true, value: { input: input.name, maxBatch: typeof batch === 'number' && batch > 0 ? batch : Number.POSITIVE_INFINITY } };
  }

  /**
   * Runs one batch of `count` samples of `sampleShape`, laid out one after the other in `batch`. Outputs stay whole
   * (no per-sample views): with a small model, allocating those costs as much as the inference.
   */
  async run(input: string, batch: Float32Array, count: number, sampleShape: readonly number[], outputNames: readonly string[]): Promise<BatchOutputs> {
    const results = await this.#session.run({ [input]: new this.#runtime.Tensor('float32', batch, [count, ...sampleShape]) }, [...outputNames]);
    const outputs = new Map<string, BatchOutput>();
    for (const name of outputNames) {
      const data = results[name]?.data;
      if (!(data instanceof Float32Array || data instanceof BigInt64Array || data instanceof Int32Array)) continue;
      outputs.set(name, { data, perSample: data.length / count });
    }
    return outputs;
  }

  async release(): Promise<void> {
    await this.#session.release();
  }
}

function describeValue(value: ort.InferenceSession.ValueMetadata): ModelValue {
  return value.isTensor ? { name: value.name, type: value.type, shape: value.shape } : { name: value.name, type: 'non-tensor', shape: [] };
}
