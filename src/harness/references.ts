import type { DatasetKind } from './datasets.ts';
import { decodeDetections, decodeQuestionAnswering, type LabelDtype } from './decoders.ts';

/** How logged labels are encoded: a dtype of accuracy-imagenet.py's `--dtype`, or `auto` to infer it from their size. */
export type PayloadDtype = LabelDtype | 'auto';
export const PAYLOAD_DTYPES: readonly PayloadDtype[] = ['auto', 'float32', 'int32', 'int64'];

/**
 * How the reference implementation of a benchmark runs and logs it (spec harness.md §1.3): what the model is fed,
 * which output holds the answer, and how LoadGen's payload encodes it. The model file and the dataset are the user's.
 */
export interface ClassificationReference {
  readonly task: 'classification';
  readonly dataset: DatasetKind;
  /** The output holding the predicted class, one value per sample. */
  readonly output: string;
  /** Added to the model's class to get the logged label: -1 where class 0 is the background (resnet50). */
  readonly labelOffset: number;
  readonly classes: number;
  readonly payload: PayloadDtype;
}

/** A benchmark whose logged payloads the harness can decode and validate, but not re-run (no preprocessing port yet). */
export interface DecodeOnlyReference {
  readonly task: 'detection' | 'question-answering';
  readonly reason: string;
  /** Why one logged payload is not a valid response, or undefined when it is. */
  readonly validate: (hex: string, qslIdx: number) => string | undefined;
}

/** The MLPerf OpenImages subset has 264 classes; labels up to 264 are accepted whichever base the SUT's map uses. */
const RETINANET_LABELS = 265;
/** 384 positions × 2 logits: 3072 bytes as float32 (the reference SUT), 1536 as float16. */
const BERT_FLOAT16_BYTES = 1536;

function problemOf(decoded: { readonly ok: true } | { readonly ok: false; readonly problem: string }): string | undefined {
  return decoded.ok ? undefined : decoded.problem;
}

const bert: DecodeOnlyReference = {
  task: 'question-answering',
  reason: 'the SQuAD feature pipeline (WordPiece tokenizer, doc_stride 128) has no port yet',
  validate: (hex) => problemOf(decodeQuestionAnswering(hex, { dtype: hex.length / 2 === BERT_FLOAT16_BYTES ? 'float16' : 'float32', layout: 'interleaved' })),
};

export type BenchmarkReference = ClassificationReference | DecodeOnlyReference;

export const REFERENCES: Readonly<Record<string, BenchmarkReference>> = {
  // resnet50_v1.onnx: ArgMax:0 over 1001 classes, class 0 the background; main.py logs float32 labels.
  resnet50: { task: 'classification', dataset: 'imagenet', output: 'ArgMax:0', labelOffset: -1, classes: 1000, payload: 'auto' },
  // The project's own test benchmark: the digits CNN of test/support/models/digits.ts on MNIST.
  digits: { task: 'classification', dataset: 'idx', output: 'argmax', labelOffset: 0, classes: 10, payload: 'auto' },
  retinanet: {
    task: 'detection',
    reason: 'the retinanet preprocessing (float INTER_LINEAR resize to 800×800) has no exact port yet, and OpenImages annotations are needed to score it',
    validate: (hex, qslIdx) => problemOf(decodeDetections(hex, { qslIdx, numClasses: RETINANET_LABELS })),
  },
  'bert-99': bert,
  'bert-99.9': bert,
};
