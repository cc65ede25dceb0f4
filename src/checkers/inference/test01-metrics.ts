import { createHash } from 'node:crypto';
import { ACCURACY_RECORD } from '../../parsers/accuracy-entries.ts';
import { looksBinary, parsed, type FileSource, type ParseResult, type Parser } from '../../parsers/parse-result.ts';

/**
 * What the DLRM accuracy script (recommendation/dlrm_v2/pytorch/tools/accuracy-dlrm.py) prints when the payloads carry
 * the ground-truth labels beside the predictions: then the logs alone give the AUC, no dataset needed.
 */
export const DLRM_LABELS_IN_LOG = 'Assuming loadgen accuracy log contains ground truth labels.';

/** The (prediction, label) float32 pairs of a DLRM accuracy log, one sample (qsl_idx) each, as the script reads them. */
export interface DlrmScores {
  readonly predictions: Float32Array;
  readonly labels: Float32Array;
}

/**
 * Reads the float32 (prediction, label) pairs of a DLRM accuracy log, keeping the first record of each qsl_idx as
 * accuracy-dlrm.py does; with `samples`, only the records of those samples (the TEST01 baseline of
 * create_accuracy_baseline.sh). Fails on a payload that is not whole pairs.
 */
export function dlrmScoresParser(samples?: ReadonlySet<number>): Parser<DlrmScores> {
  const key = samples === undefined ? 'all' : createHash('sha256').update([...samples].sort((a, b) => a - b).join(',')).digest('hex').slice(0, 16);
  return {
    id: `dlrm-scores:${key}`,
    async parse(source: FileSource): Promise<ParseResult<DlrmScores>> {
      if (looksBinary(await source.readHead(8192))) return { ok: false, problems: [{ kind: 'malformed', message: 'is a binary file, not a LoadGen accuracy log' }] };
      const seen = new Set<number>();
      const predictions: number[] = [];
      const labels: number[] = [];
      let lineNumber = 0;
      for await (const line of source.lines()) {
        lineNumber++;
        const record = ACCURACY_RECORD.exec(line);
        if (record === null) continue;
        const qslIdx = Number(record[2]);
        if (seen.has(qslIdx) || (samples !== undefined && !samples.has(qslIdx))) continue;
        seen.add(qslIdx);
        const bytes = Buffer.from(record[3] ?? '', 'hex');
        if (bytes.length % 8 !== 0) return { ok: false, problems: [{ kind: 'malformed', line: lineNumber, message: 'has a payload that is not whole float32 (prediction, label) pairs' }] };
        for (let offset = 0; offset < bytes.length; offset += 8) {
          predictions.push(bytes.readFloatLE(offset));
          labels.push(bytes.readFloatLE(offset + 4));
        }
      }
      return parsed({ predictions: Float32Array.from(predictions), labels: Float32Array.from(labels) });
    },
  };
}

/**
 * The area under the ROC curve, as sklearn.metrics.roc_auc_score computes it (tied scores count half): the
 * Mann-Whitney statistic over positive and negative labels. Undefined unless the labels are 0 and 1, both present.
 */
export function rocAuc(scores: Float32Array, labels: Float32Array): number | undefined {
  const order = Array.from(scores.keys()).sort((a, b) => (scores[a] as number) - (scores[b] as number));
  let positives = 0;
  let positiveRankSum = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end < order.length && scores[order[end] as number] === scores[order[start] as number]) end++;
    // Ranks start + 1 … end share their average.
    const averageRank = (start + 1 + end) / 2;
    for (let position = start; position < end; position++) {
      const label = labels[order[position] as number];
      if (label !== 0 && label !== 1) return undefined;
      if (label === 1) {
        positives++;
        positiveRankSum += averageRank;
      }
    }
    start = end;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return undefined;
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
