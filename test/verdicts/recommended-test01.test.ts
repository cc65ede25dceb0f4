import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { accuracyEntriesParser } from '../../src/parsers/accuracy-entries.ts';
import { mllogParser } from '../../src/parsers/mllog.ts';
import type { MemoryNode } from '../../src/tree/memory-fs.ts';
import { auditTree } from '../support/audit-tree.ts';
import { sourceOf } from '../support/file-source.ts';
import { accuracyLog, detailLog } from '../support/loadgen-writer.ts';
import { realResult, sharedInference, withChanges } from '../support/shared-data.ts';
import { ACCURACY_RUN_PAYLOADS, DETAIL_EVENTS, honestRecords, LOGGED_SEQ_IDS, RESNET, TEST01, TEST01_DETAIL, TEST01_LOG, unloggedSeqId, LOADED } from '../support/test01-fixture.ts';

type Tree = Record<string, MemoryNode>;

/** The recommended-profile rules of this file: none is part of the official profile. */
const RULES = ['comp/test01-selection', 'comp/test01-payload', 'comp/test01-delta'];
const OFFLINE = RESNET.path;
const SERVER = 'closed/Intel/results/1-node-2S-EMR-PyTorch/resnet50/Server';
// resnet50 in the datacenter category needs both scenarios.
const base: Tree = { ...realResult('v4.1', SERVER).tree, ...RESNET.tree };
const ACCEPTED = [`Results ${OFFLINE} 25204.5`, `Results ${SERVER} 22501.8`];

/**
 * A complete TEST01 written by the LoadGen-format writer: the detail log of the real run written again, the accuracy
 * log holding the given records, and accuracy.txt carrying that log's hash as truncate_accuracy_log.py records it.
 */
function withTest01(records: ReturnType<typeof honestRecords>): Tree {
  const log = accuracyLog(records);
  return withChanges(base, {
    [TEST01_LOG]: log,
    [TEST01_DETAIL]: detailLog(DETAIL_EVENTS),
    [`${TEST01}/accuracy/accuracy.txt`]: `hash=${createHash('sha256').update(log).digest('hex')}\n`,
  });
}

/** Which of this file's rules reject each result, by result path. */
async function rejections(tree: Tree): Promise<Record<string, string[]>> {
  const { result } = await auditTree(tree, { round: 'v4.1', profile: 'recommended' });
  return Object.fromEntries(result.results.map((verdict) => [verdict.path, verdict.rejectedBy.filter((rule) => RULES.includes(rule))]));
}
const officialLines = async (tree: Tree): Promise<string[]> => (await auditTree(tree, { round: 'v4.1', profile: 'official' })).lines;

const honest = honestRecords();
// A sample whose response the accuracy run's (truncated) log keeps, so that a change to it can be seen.
const comparable = honest.findIndex((record) => ACCURACY_RUN_PAYLOADS.has(record.qslIdx));

describe('the LoadGen-format writer', () => {
  it('writes accuracy records byte for byte as LoadGen does (the head of the real TEST01 log)', () => {
    const real = readFileSync(`${sharedInference('v4.1')}/${TEST01_LOG}`, 'utf8');
    const lines = real.split('\n').slice(1, 20);
    const records = lines.map((line) => {
      const [, seqId, qslIdx, data] = /^\{ "seq_id" : (\d+), "qsl_idx" : (\d+), "data" : "([0-9A-F]*)" \},$/.exec(line) ?? [];
      return { seqId: Number(seqId), qslIdx: Number(qslIdx), data: Buffer.from(data ?? '', 'hex') };
    });
    expect(accuracyLog(records)).toBe(`[\n${lines.join('\n').replace(/,$/, '')}\n]\n`);
  });

  it('writes a detail log the MLLOG parser reads back with the same settings', async () => {
    const written = await mllogParser.parse(sourceOf(detailLog(DETAIL_EVENTS)));
    const real = await mllogParser.parse(sourceOf(String(RESNET.tree[TEST01_DETAIL])));
    if (!written.ok || !real.ok) throw new Error('unreadable detail log');
    expect(written.value.problems).toEqual([]);
    for (const key of ['effective_accuracy_log_rng_seed', 'effective_target_qps', 'effective_min_sample_count', 'result_query_count', 'result_samples_per_second', 'effective_target_latency_percentile']) {
      expect(written.value.get(key)?.value, key).toEqual(real.value.get(key)?.value);
    }
    expect(written.value.warnings.map((event) => event.value)).toEqual(real.value.warnings.map((event) => event.value));
  });

  it('writes a complete log of the 4141 responses LoadGen chose', async () => {
    const read = await accuracyEntriesParser.parse(sourceOf(accuracyLog(honest)));
    expect(read.ok && read.value.form).toBe('complete');
    expect(read.ok && read.value.entries.map((entry) => entry.seqId)).toEqual(LOGGED_SEQ_IDS);
  });
});

describe('a complete TEST01 of a real result (v4.1 Intel resnet50 Offline)', () => {
  it('the honest log passes', async () => {
    const tree = withTest01(honest);
    expect(await officialLines(tree)).toEqual(ACCEPTED);
    expect(await rejections(tree)).toEqual({ [OFFLINE]: [], [SERVER]: [] });
  });

  it('one entry removed: rejected by comp/test01-selection, which verify_accuracy.py would not notice', async () => {
    const tree = withTest01(honest.filter((_, position) => position !== 2000));
    expect(await officialLines(tree)).toEqual(ACCEPTED);
    expect(await rejections(tree)).toEqual({ [OFFLINE]: ['comp/test01-selection'], [SERVER]: [] });
  });

  it('one entry added: rejected by comp/test01-selection', async () => {
    const seqId = unloggedSeqId();
    const qslIdx = LOADED[seqId % LOADED.length] as number;
    const tree = withTest01([...honest.slice(0, 10), { seqId, qslIdx, data: honest[0]?.data ?? Buffer.alloc(8) }, ...honest.slice(10)]);
    expect(await officialLines(tree)).toEqual(ACCEPTED);
    expect(await rejections(tree)).toEqual({ [OFFLINE]: ['comp/test01-selection'], [SERVER]: [] });
  });

  it('one payload changed after its first byte: rejected by comp/test01-payload', async () => {
    expect(comparable).toBeGreaterThanOrEqual(0);
    const tree = withTest01(
      honest.map((record, position) => {
        if (position !== comparable) return record;
        const data = Buffer.from(record.data);
        data[1] = ((data[1] as number) + 1) % 256;
        return { ...record, data };
      }),
    );
    // verify_accuracy.txt still says TEST PASS: the official checkers do not rerun the comparison.
    expect(await officialLines(tree)).toEqual(ACCEPTED);
    expect(await rejections(tree)).toEqual({ [OFFLINE]: ['comp/test01-payload'], [SERVER]: [] });
  });
});
