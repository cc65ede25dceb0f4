import { readFileSync } from 'node:fs';
import { assetUrl } from '../assets.ts';

/**
 * The official MLPerf Inference calibration lists (spec inference-checker.md §6.2, harness.md §4.7), stored as the
 * plain text files they are under ./calibration/ (source and revision in its README), and the benchmarks using them.
 */

/** How the entries of a list, and identifiers of the same kind in a submitter's document, are written. */
export type IdentifierKind =
  | 'imagenet-image'
  | 'openimages-image'
  | 'coco-image'
  | 'squad-question'
  | 'cnn-dailymail-article'
  | 'kits-case'
  | 'librispeech-utterance'
  | 'index'
  | 'prompt';

export interface IdentifierSyntax {
  /**
   * Finds identifiers of this kind in free text (global). Kinds without one (bare integers, prompts) are too
   * ambiguous to pick out of prose: only an explicit list file declares them, one a line.
   */
  readonly pattern?: RegExp;
  /** The spelling lists and declarations are compared in. */
  readonly canonical: (identifier: string) => string;
  /**
   * Whether a document's match is an identifier even where the benchmark's lists use another kind. Bare hex strings
   * are also commit hashes and digests, so they count only for benchmarks whose lists consist of them.
   */
  readonly distinctive: boolean;
}

const asWritten = (identifier: string): string => identifier;
const IMAGENET_PREFIX = 'ILSVRC2012_val_';

export const IDENTIFIER_SYNTAX: Readonly<Record<IdentifierKind, IdentifierSyntax>> = {
  // Submitters also write the names without extension or in other cases.
  'imagenet-image': {
    pattern: /ILSVRC2012_val_\d{8}(?:\.JPEG)?/gi,
    canonical: (identifier) => `${IMAGENET_PREFIX}${identifier.slice(IMAGENET_PREFIX.length, IMAGENET_PREFIX.length + 8)}.JPEG`,
    distinctive: true,
  },
  'openimages-image': { pattern: /\b[0-9a-f]{16}\.jpg\b/g, canonical: asWritten, distinctive: true },
  'coco-image': { pattern: /\b\d{12}\.jpg\b/g, canonical: asWritten, distinctive: true },
  'squad-question': { pattern: /\b[0-9a-f]{24}\b/g, canonical: asWritten, distinctive: false },
  'cnn-dailymail-article': { pattern: /\b[0-9a-f]{40}\b/g, canonical: asWritten, distinctive: false },
  'kits-case': { pattern: /\bcase_\d{5}\b/g, canonical: asWritten, distinctive: true },
  // Speaker-chapter-utterance, whatever folder or extension (.wav, .flac) surrounds it.
  'librispeech-utterance': { pattern: /\b\d+-\d+-\d{4}\b/g, canonical: asWritten, distinctive: true },
  index: { canonical: (identifier) => (/^\d+$/.test(identifier) ? String(Number(identifier)) : identifier), distinctive: false },
  prompt: { canonical: (identifier) => identifier.trim(), distinctive: false },
};

/** The canonical identifiers one line of a list file declares: the pattern's matches, else the whole line. */
export function identifiersOfLine(line: string, kind: IdentifierKind): string[] {
  const { pattern, canonical } = IDENTIFIER_SYNTAX[kind];
  if (!pattern) return line.trim() ? [canonical(line.trim())] : [];
  return [...line.matchAll(pattern)].map(([match]) => canonical(match));
}

export interface OfficialCalibrationList {
  /** Path under `calibration/` of mlcommons/inference, e.g. `ImageNet/cal_image_list_option_1.txt`. */
  readonly id: string;
  /** The folder of the list: `ImageNet`, `openimages`, `SQuAD-v1.1`, … */
  readonly dataset: string;
  readonly kind: IdentifierKind;
  /** Canonical identifiers, without duplicates. */
  readonly identifiers: ReadonlySet<string>;
}

const LIST_FILES: readonly { readonly id: string; readonly kind: IdentifierKind }[] = [
  { id: 'ImageNet/cal_image_list_option_1.txt', kind: 'imagenet-image' },
  { id: 'ImageNet/cal_image_list_option_2.txt', kind: 'imagenet-image' },
  { id: 'openimages/openimages_cal_images_list.txt', kind: 'openimages-image' },
  { id: 'COCO/coco_cal_images_list.txt', kind: 'coco-image' },
  { id: 'COCO-2014/coco_cal_captions_list.txt', kind: 'index' },
  { id: 'SQuAD-v1.1/bert_calibration_qas_ids.txt', kind: 'squad-question' },
  { id: 'SQuAD-v1.1/bert_calibration_features.txt', kind: 'index' },
  { id: 'CNNDailyMail/calibration-list.txt', kind: 'cnn-dailymail-article' },
  { id: 'KiTS/calibration_cases.txt', kind: 'kits-case' },
  { id: 'IGBH/calibration.txt', kind: 'index' },
  { id: 'LibriSpeech/calibration_files.txt', kind: 'librispeech-utterance' },
  { id: 'text_to_video/calibration_prompts.txt', kind: 'prompt' },
];

const datasetOf = (listId: string): string => listId.slice(0, listId.indexOf('/'));

/**
 * The calibration dataset (folder) of each benchmark, by base name: accuracy suffix (`-99`, `-99.9`), `-interactive`
 * and `-edge` removed. Benchmarks missing here (llama2-70b, mixtral-8x7b, llama3.1-405b, deepseek-r1, dlrm-v2, …)
 * have no list under `calibration/` at the pinned revision.
 */
export const CALIBRATION_DATASET_OF_BENCHMARK: Readonly<Record<string, string>> = {
  resnet: 'ImageNet',
  resnet50: 'ImageNet',
  retinanet: 'openimages',
  'ssd-resnet34': 'COCO',
  bert: 'SQuAD-v1.1',
  gptj: 'CNNDailyMail',
  // language/llama3.1-8b/prepare-calibration.py reads the same CNN/DailyMail train ids.
  'llama3.1-8b': 'CNNDailyMail',
  'stable-diffusion-xl': 'COCO-2014',
  '3d-unet': 'KiTS',
  rgat: 'IGBH',
  whisper: 'LibriSpeech',
  'wan-2.2-t2v-a14b': 'text_to_video',
};

/** `bert-99.9` → `bert`, `llama2-70b-interactive-99` → `llama2-70b`, `llama3.1-8b-edge` → `llama3.1-8b`. */
export function benchmarkBaseName(benchmark: string): string {
  return benchmark
    .toLowerCase()
    .replace(/-99(?:\.9)?$/, '')
    .replace(/-(?:interactive|edge)$/, '');
}

const LIST_DIRECTORY = assetUrl('division/calibration/');
const loadedLists = new Map<string, OfficialCalibrationList>();

function loadList(id: string, kind: IdentifierKind): OfficialCalibrationList {
  let list = loadedLists.get(id);
  if (!list) {
    const lines = readFileSync(new URL(id, LIST_DIRECTORY), 'utf8').split(/\r?\n/);
    list = { id, dataset: datasetOf(id), kind, identifiers: new Set(lines.flatMap((line) => identifiersOfLine(line, kind))) };
    loadedLists.set(id, list);
  }
  return list;
}

export function allOfficialCalibrationLists(): OfficialCalibrationList[] {
  return LIST_FILES.map(({ id, kind }) => loadList(id, kind));
}

/**
 * The official lists of a benchmark (`resnet50`, `bert-99.9`, `llama3.1-8b-edge`, …) or of a dataset folder
 * (`ImageNet`, `squad-v1.1`, case-insensitive); empty when the project holds none.
 */
export function officialCalibrationLists(benchmarkOrDataset: string): OfficialCalibrationList[] {
  const dataset = (CALIBRATION_DATASET_OF_BENCHMARK[benchmarkBaseName(benchmarkOrDataset)] ?? benchmarkOrDataset).toLowerCase();
  return LIST_FILES.filter(({ id }) => datasetOf(id).toLowerCase() === dataset).map(({ id, kind }) => loadList(id, kind));
}
