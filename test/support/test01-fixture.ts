import { readFileSync } from 'node:fs';
import type { MemoryNode } from '../../src/tree/memory-fs.ts';
import { accuracyLog, detailEvents, detailLog, type AccuracyRecord, type DetailEvent } from './loadgen-writer.ts';
import { realResult, withChanges } from './shared-data.ts';

type Tree = Record<string, MemoryNode>;

/**
 * A complete TEST01 for a real result, v4.1 Intel resnet50 Offline: its TEST01 run sampled 4141 of 16,599,000
 * responses (sampling target 4096, expected_queries = min_sample_count = 16,599,000, the official seed). The seq_ids
 * LoadGen logged come from the g++/libstdc++ golden table, not from the code under test.
 */
export const RESNET = realResult('v4.1', 'closed/Intel/results/1-node-2S-EMR-PyTorch/resnet50/Offline');
export const TEST01 = 'closed/Intel/compliance/1-node-2S-EMR-PyTorch/resnet50/Offline/TEST01';
export const TEST01_LOG = `${TEST01}/accuracy/mlperf_log_accuracy.json`;
export const TEST01_DETAIL = `${TEST01}/performance/run_1/mlperf_log_detail.txt`;
export const TEST01_VERIFY = `${TEST01}/verify_accuracy.txt`;
export const ACCURACY_RUN_LOG = `${RESNET.path}/accuracy/mlperf_log_accuracy.json`;
/** Samples the TEST01 run issued: result_query_count 1 × generated_samples_per_query 16599000. */
export const ISSUED = 16599000;

interface GoldenSelection {
  readonly seed: string;
  readonly probability: number;
  readonly sampleCount: number;
  readonly seqIds: readonly number[];
}
const golden = JSON.parse(readFileSync(new URL('../fixtures/loadgen-sampling-golden.json', import.meta.url), 'utf8')) as { selections: readonly GoldenSelection[] };
const selection = golden.selections.find((entry) => entry.seed === '720381539243781796' && entry.sampleCount === ISSUED);
if (selection === undefined) throw new Error('the golden table lacks the resnet50 Offline selection');
/** The seq_ids LoadGen logged in the TEST01 run, ascending. */
export const LOGGED_SEQ_IDS: readonly number[] = selection.seqIds;

/** The real TEST01 run's events, to be written again (with changes) by the LoadGen-format writer. */
export const DETAIL_EVENTS: readonly DetailEvent[] = detailEvents(String(RESNET.tree[TEST01_DETAIL]));
const loadedEvent = DETAIL_EVENTS.find((event) => event.key === 'loaded_qsl_set');
/** The run's performance sample set, in LoadGen's order: the Offline query repeats it. */
export const LOADED: readonly number[] = Array.isArray(loadedEvent?.value) ? (loadedEvent.value as readonly number[]) : [];

const RECORD = /"qsl_idx" : (\d+), "data" : "([0-9A-F]*)" \}/g;
/** The payloads of the accuracy run's real (truncated) log, by sample: resnet50 writes an int64 label. */
export const ACCURACY_RUN_PAYLOADS: ReadonlyMap<number, Buffer> = new Map([...String(RESNET.tree[ACCURACY_RUN_LOG]).matchAll(RECORD)].map((match) => [Number(match[1]), Buffer.from(match[2] as string, 'hex')]));

/** A response for a sample: the accuracy run's where its log kept it, otherwise an int64 label made up for it. */
export function payloadOf(qslIdx: number): Buffer {
  const known = ACCURACY_RUN_PAYLOADS.get(qslIdx);
  if (known !== undefined) return known;
  const label = Buffer.alloc(8);
  label.writeBigInt64LE(BigInt(qslIdx % 1000));
  return label;
}

/** What LoadGen logged in the TEST01 run: seq_id s is sample LOADED[s mod 1024] of the Offline query. */
export function honestRecords(): AccuracyRecord[] {
  return LOGGED_SEQ_IDS.map((seqId) => {
    const qslIdx = LOADED[seqId % LOADED.length] as number;
    return { seqId, qslIdx, data: payloadOf(qslIdx) };
  });
}

/** A seq_id below ISSUED that LoadGen did not log. */
export function unloggedSeqId(): number {
  const logged = new Set(LOGGED_SEQ_IDS);
  let seqId = 1000;
  while (logged.has(seqId)) seqId++;
  return seqId;
}

/** The real result with TEST01's accuracy log (and, when given, its detail log) written by the LoadGen-format writer. */
export function test01Tree(records: readonly AccuracyRecord[], events?: readonly DetailEvent[], options: { readonly sourceFile?: string } = {}): Tree {
  return withChanges(RESNET.tree, { [TEST01_LOG]: accuracyLog(records), ...(events !== undefined && { [TEST01_DETAIL]: detailLog(events, options) }) });
}
