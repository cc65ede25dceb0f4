import { describe, expect, it } from 'vitest';
import type { Detection } from '../../src/harness/decoders.ts';
import {
  compareDetection,
  DEFAULT_DETECTION_TOLERANCES,
  FP32_DETECTION_TOLERANCES,
  intersectionOverUnion,
  matchImage,
  type DetectionSample,
} from '../../src/harness/compare/detection.ts';

const box = (ymin: number, xmin: number, ymax: number, xmax: number, score = 0.9, label = 1): Detection => ({ ymin, xmin, ymax, xmax, score, label });

/** Three reference detections per image, the third below the 0.3 a SUT must reproduce. */
const referenceOf = (image: number): Detection[] => [
  box(0.1, 0.1, 0.5, 0.5, 0.9, image % 7),
  box(0.5, 0.5, 0.9, 0.8, 0.6, 3),
  box(0.0, 0.6, 0.2, 1.0, 0.2, 4),
];

/** A faithful SUT: the same boxes, shifted slightly, scores off by `drift`. */
const faithful = (reference: readonly Detection[], drift: number): Detection[] =>
  reference.map((detection) => ({ ...detection, ymin: detection.ymin + 0.01, ymax: detection.ymax + 0.01, score: detection.score - drift }));

function images(count: number, logged: (reference: Detection[], image: number) => Detection[]): DetectionSample[] {
  return Array.from({ length: count }, (_, image) => {
    const reference = referenceOf(image);
    return { qslIdx: 100 + image, reference, logged: logged(reference, image) };
  });
}

describe('intersectionOverUnion', () => {
  it('measures overlap of normalised boxes', () => {
    expect(intersectionOverUnion(box(0, 0, 1, 1), box(0, 0, 1, 1))).toBe(1);
    expect(intersectionOverUnion(box(0, 0, 1, 1), box(0, 0.5, 1, 1.5))).toBeCloseTo(1 / 3, 15);
    expect(intersectionOverUnion(box(0, 0, 1, 1), box(0, 0, 1, 0.5))).toBe(0.5);
    expect(intersectionOverUnion(box(0, 0, 0.4, 0.4), box(0.5, 0.5, 1, 1))).toBe(0);
  });

  it('is 0 for boxes without area', () => {
    expect(intersectionOverUnion(box(0.5, 0.5, 0.5, 0.5), box(0.5, 0.5, 0.5, 0.5))).toBe(0);
  });
});

describe('matchImage', () => {
  const tolerances = DEFAULT_DETECTION_TOLERANCES;

  it('matches every required detection of a faithful response and reports the largest score difference', () => {
    const reference = referenceOf(1);
    expect(matchImage(faithful(reference, 0.02), reference, tolerances)).toEqual({ required: 2, matched: 2, recall: 1, maxScoreDelta: expect.closeTo(0.02, 12) });
  });

  it('requires only reference detections scoring at least 0.3', () => {
    expect(matchImage([], [box(0, 0, 1, 1, 0.29)], tolerances)).toEqual({ required: 0, matched: 0, recall: 1, maxScoreDelta: 0 });
    expect(matchImage([], [box(0, 0, 1, 1, 0.3)], tolerances)).toMatchObject({ required: 1, recall: 0 });
  });

  it('matches only the same label at IoU ≥ 0.5', () => {
    const target = [box(0, 0, 1, 1, 0.9, 2)];
    expect(matchImage([box(0, 0, 1, 1, 0.9, 3)], target, tolerances).matched).toBe(0);
    expect(matchImage([box(0, 0, 1, 0.5, 0.9, 2)], target, tolerances).matched).toBe(1); // IoU exactly 0.5
    expect(matchImage([box(0, 0, 1, 0.49, 0.9, 2)], target, tolerances).matched).toBe(0);
  });

  it('uses each logged detection once, the highest-scoring reference detection choosing first', () => {
    const reference = [box(0, 0, 1, 1, 0.5), box(0, 0, 1, 1, 0.9)];
    expect(matchImage([box(0, 0, 1, 1, 0.88)], reference, tolerances)).toEqual({ required: 2, matched: 1, recall: 0.5, maxScoreDelta: expect.closeTo(0.02, 12) });
  });

  it('takes the logged detection with the highest IoU', () => {
    const reference = [box(0, 0, 1, 1, 0.9)];
    const logged = [box(0, 0, 1, 0.6, 0.1), box(0, 0, 1, 0.95, 0.85)];
    expect(matchImage(logged, reference, tolerances).maxScoreDelta).toBeCloseTo(0.05, 12);
  });

  it('does not count extra logged detections against the SUT', () => {
    const reference = referenceOf(2);
    expect(matchImage([...faithful(reference, 0), box(0.2, 0.2, 0.3, 0.3, 0.5, 9)], reference, tolerances).recall).toBe(1);
  });
});

describe('compareDetection', () => {
  it('passes a faithful FP16/INT8 run whose scores drift by 0.01', () => {
    const result = compareDetection(images(20, (reference) => faithful(reference, 0.01)));
    expect(result).toMatchObject({ task: 'detection', samples: 20, passed: true });
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({
      check: 'detections',
      status: 'pass',
      message:
        '20 of 20 images (100.0 %) agree with the reference model, at least the 90.0 % required; an image agrees when it matches at least ' +
        '80.0 % of the reference detections with score ≥ 0.3 (same label, IoU ≥ 0.5) with |Δscore| ≤ 0.05',
      evidence: {
        images: 20,
        passingImages: 20,
        passRate: 1,
        requiredPassRate: 0.9,
        imagesWithLowRecall: 0,
        imagesWithScoreDrift: 0,
        requiredDetections: 40,
        matchedDetections: 40,
        recall: 1,
        recallThreshold: 0.8,
        scoreTolerance: 0.05,
      },
    });
    expect(result.findings[0]?.evidence.maxScoreDelta).toBeCloseTo(0.01, 12);
  });

  it('fails when more than 10 % of the images lose detections or drift in score, naming them', () => {
    const result = compareDetection(
      images(20, (reference, image) => {
        if (image === 3 || image === 11) return faithful(reference, 0).slice(1); // the top detection is missing
        if (image === 15) return faithful(reference, 0.2);
        return faithful(reference, 0);
      }),
    );
    expect(result.passed).toBe(false);
    expect(result.findings[0]).toMatchObject({
      status: 'fail',
      evidence: { passingImages: 17, passRate: 0.85, imagesWithLowRecall: 2, imagesWithScoreDrift: 1, requiredDetections: 40, matchedDetections: 38, recall: 0.95 },
    });
    expect(result.findings[0]?.message).toBe(
      '17 of 20 images (85.0 %) agree with the reference model, below the 90.0 % required; an image agrees when it matches at least 80.0 % ' +
        'of the reference detections with score ≥ 0.3 (same label, IoU ≥ 0.5) with |Δscore| ≤ 0.05; 2 with too low a recall, 1 with too ' +
        'large a score difference (qsl_idx 103: recall 0.5, max |Δscore| 0, 111: recall 0.5, max |Δscore| 0, 115: recall 1, max |Δscore| 0.2)',
    );
  });

  it('tolerates a few failing images when at least 90 % pass', () => {
    const result = compareDetection(images(20, (reference, image) => (image === 0 || image === 1 ? [] : faithful(reference, 0))));
    expect(result.passed).toBe(true);
    expect(result.findings[0]?.evidence).toMatchObject({ passRate: 0.9, imagesWithLowRecall: 2 });
  });

  it('holds an FP32 SUT to 1e-4 in score', () => {
    const drifting = images(10, (reference) => faithful(reference, 0.001));
    expect(compareDetection(drifting).passed).toBe(true);
    const strict = compareDetection(drifting, FP32_DETECTION_TOLERANCES);
    expect(strict.passed).toBe(false);
    expect(strict.findings[0]?.evidence).toMatchObject({ passingImages: 0, imagesWithScoreDrift: 10, scoreTolerance: 1e-4 });
  });

  it('passes images on which the reference found nothing it requires', () => {
    const empty = [{ qslIdx: 1, logged: [], reference: [box(0, 0, 1, 1, 0.1)] }];
    expect(compareDetection(empty).findings[0]?.evidence).toMatchObject({ passingImages: 1, requiredDetections: 0, recall: 1, maxScoreDelta: 0 });
  });

  it('fails when nothing was compared', () => {
    expect(compareDetection([])).toEqual({
      task: 'detection',
      samples: 0,
      passed: false,
      findings: [{ check: 'detections', status: 'fail', message: 'no samples were compared', evidence: { samples: 0 } }],
    });
  });

  it('exports the spec defaults', () => {
    expect(DEFAULT_DETECTION_TOLERANCES).toEqual({ referenceScoreThreshold: 0.3, iouThreshold: 0.5, recallThreshold: 0.8, scoreTolerance: 0.05, imagePassRate: 0.9 });
    expect(FP32_DETECTION_TOLERANCES.scoreTolerance).toBe(1e-4);
  });
});
