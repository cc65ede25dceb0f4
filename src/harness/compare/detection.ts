import type { Detection } from '../decoders.ts';
import { comparisonResult, formatExamples, formatNumber, formatPercent, nothingCompared } from './findings.ts';
import type { ComparisonFinding, ComparisonResult } from './types.ts';

/** One re-run image: the detections the accuracy log holds and the reference model's. */
export interface DetectionSample {
  readonly qslIdx: number;
  readonly logged: readonly Detection[];
  readonly reference: readonly Detection[];
}

export interface DetectionTolerances {
  /** Reference detections below this score are not required to be found: low-score boxes are unstable. */
  readonly referenceScoreThreshold: number;
  /** A logged detection matches a reference one with the same label at this IoU or more. */
  readonly iouThreshold: number;
  /** An image passes when at least this share of its required reference detections is matched… */
  readonly recallThreshold: number;
  /** …and no matched pair's scores differ by more than this. */
  readonly scoreTolerance: number;
  /** The comparison fails when fewer than this share of the images pass. */
  readonly imagePassRate: number;
}

/** Spec harness.md §4.3, for FP16 and INT8 SUTs, whose scores drift by a few hundredths. */
export const DEFAULT_DETECTION_TOLERANCES: DetectionTolerances = {
  referenceScoreThreshold: 0.3,
  iouThreshold: 0.5,
  recallThreshold: 0.8,
  scoreTolerance: 0.05,
  imagePassRate: 0.9,
};

/** For FP32 SUTs: ORT FP32 runs differ by about 1e-5 at most (§3.6). */
export const FP32_DETECTION_TOLERANCES: DetectionTolerances = { ...DEFAULT_DETECTION_TOLERANCES, scoreTolerance: 1e-4 };

export type DetectionCheck = 'detections';

export interface ImageMatch {
  /** Reference detections with a score at or above the threshold: those the SUT must reproduce. */
  readonly required: number;
  readonly matched: number;
  /** matched / required; 1 when nothing was required. */
  readonly recall: number;
  /** The largest |Δscore| over the matched pairs; 0 without any. */
  readonly maxScoreDelta: number;
}

/**
 * Greedy matching: the required reference detections, highest score first, each take the unmatched logged detection
 * with the same label and the highest IoU, if that IoU reaches the threshold. Extra logged detections cost nothing:
 * the check is that the SUT found what the reference found, with the same confidence.
 */
export function matchImage(
  logged: readonly Detection[],
  reference: readonly Detection[],
  { referenceScoreThreshold, iouThreshold }: Pick<DetectionTolerances, 'referenceScoreThreshold' | 'iouThreshold'>,
): ImageMatch {
  const required = reference.filter((detection) => detection.score >= referenceScoreThreshold).sort((left, right) => right.score - left.score);
  const taken = new Array<boolean>(logged.length).fill(false);
  let matched = 0;
  let maxScoreDelta = 0;
  for (const target of required) {
    let bestIndex = -1;
    let bestIou = 0;
    logged.forEach((candidate, index) => {
      if (taken[index] || candidate.label !== target.label) return;
      const iou = intersectionOverUnion(candidate, target);
      if (iou > bestIou) [bestIndex, bestIou] = [index, iou];
    });
    const best = logged[bestIndex];
    if (best === undefined || bestIou < iouThreshold) continue;
    taken[bestIndex] = true;
    matched++;
    maxScoreDelta = Math.max(maxScoreDelta, Math.abs(best.score - target.score));
  }
  return { required: required.length, matched, recall: required.length === 0 ? 1 : matched / required.length, maxScoreDelta };
}

/** IoU of two boxes; 0 when their union has no area. */
export function intersectionOverUnion(first: Detection, second: Detection): number {
  const height = Math.min(first.ymax, second.ymax) - Math.max(first.ymin, second.ymin);
  const width = Math.min(first.xmax, second.xmax) - Math.max(first.xmin, second.xmin);
  const intersection = Math.max(0, height) * Math.max(0, width);
  const area = (box: Detection): number => (box.ymax - box.ymin) * (box.xmax - box.xmin);
  const union = area(first) + area(second) - intersection;
  return union > 0 ? intersection / union : 0;
}

/** Checks the logged detections of the re-run images against the reference model's (spec harness.md §4.3). */
export function compareDetection(
  samples: readonly DetectionSample[],
  tolerances: DetectionTolerances = DEFAULT_DETECTION_TOLERANCES,
): ComparisonResult<DetectionCheck> {
  if (samples.length === 0) return nothingCompared('detection', 'detections');
  const images = samples.map((sample) => {
    const match = matchImage(sample.logged, sample.reference, tolerances);
    return { qslIdx: sample.qslIdx, ...match, lowRecall: match.recall < tolerances.recallThreshold, scoreDrift: match.maxScoreDelta > tolerances.scoreTolerance };
  });
  const failing = images.filter((image) => image.lowRecall || image.scoreDrift);
  const lowRecall = images.filter((image) => image.lowRecall).length;
  const scoreDrift = images.filter((image) => image.scoreDrift).length;
  const passing = images.length - failing.length;
  const passRate = passing / images.length;
  const required = sum(images.map((image) => image.required));
  const matched = sum(images.map((image) => image.matched));
  const status = passRate >= tolerances.imagePassRate ? 'pass' : 'fail';
  const criteria =
    `an image agrees when it matches at least ${formatPercent(tolerances.recallThreshold, 1)} of the reference detections with score ≥ ` +
    `${tolerances.referenceScoreThreshold} (same label, IoU ≥ ${tolerances.iouThreshold}) with |Δscore| ≤ ${tolerances.scoreTolerance}`;
  const breakdown =
    failing.length === 0
      ? ''
      : `; ${lowRecall} with too low a recall, ${scoreDrift} with too large a score difference (qsl_idx ` +
        `${formatExamples(failing.map((image) => `${image.qslIdx}: recall ${formatNumber(image.recall)}, max |Δscore| ${formatNumber(image.maxScoreDelta)}`))})`;
  const finding: ComparisonFinding<DetectionCheck> = {
    check: 'detections',
    status,
    message:
      `${passing} of ${images.length} images (${formatPercent(passing, images.length)}) agree with the reference model, ` +
      `${status === 'pass' ? 'at least' : 'below'} the ${formatPercent(tolerances.imagePassRate, 1)} required; ${criteria}${breakdown}`,
    evidence: {
      images: images.length,
      passingImages: passing,
      passRate,
      requiredPassRate: tolerances.imagePassRate,
      imagesWithLowRecall: lowRecall,
      imagesWithScoreDrift: scoreDrift,
      requiredDetections: required,
      matchedDetections: matched,
      recall: required === 0 ? 1 : matched / required,
      maxScoreDelta: Math.max(...images.map((image) => image.maxScoreDelta)),
      recallThreshold: tolerances.recallThreshold,
      scoreTolerance: tolerances.scoreTolerance,
    },
  };
  return comparisonResult('detection', samples.length, [finding]);
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
