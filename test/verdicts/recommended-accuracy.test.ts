import { describe, expect, it } from 'vitest';
import type { MemoryNode } from '../../src/tree/memory-fs.ts';
import { loadgenLog, logRecords, tokenHex } from '../support/accuracy-logs.ts';
import { auditTree } from '../support/audit-tree.ts';
import { realResult, withChanges } from '../support/shared-data.ts';

type Tree = Record<string, MemoryNode>;

/** The recommended-profile rules of this file: none is part of the official profile. */
const RULES = ['acc/log-coverage', 'acc/hash-matches', 'acc/reproduce', 'comp/test06-recheck', 'comp/test09-recheck'];

/** One tree holding several real results of a round (a closed benchmark needs its required scenarios). */
function results(round: string, ...paths: string[]): Tree {
  return Object.assign({}, ...paths.map((path) => realResult(round, path).tree)) as Tree;
}

/** Which of this file's rules reject each result, by result path. */
async function rejections(round: string, tree: Tree): Promise<Record<string, string[]>> {
  const { result } = await auditTree(tree, { round, profile: 'recommended' });
  return Object.fromEntries(result.results.map((verdict) => [verdict.path, verdict.rejectedBy.filter((rule) => RULES.includes(rule))]));
}

const officialLines = async (round: string, tree: Tree): Promise<string[]> => (await auditTree(tree, { round, profile: 'official' })).lines;

// v4.1 AMD: the Server accuracy folder of both llama2-70b models holds the empty log of a performance run
// (its mlperf_log_detail.txt says effective_test_mode PerformanceOnly) beside an accuracy.txt scoring 24576 samples.
const AMD = 'closed/AMD/results/1xMI300X_2xEPYC-9374F/llama2-70b-99';
const amd = results('v4.1', `${AMD}/Offline`, `${AMD}/Server`);
// v6.0 MiTAC llama2-70b-99, all three scenarios (Interactive is optional, Server and Offline required).
const MITAC = 'closed/MiTAC/results/8xMI350X_2xEPYC-9755/llama2-70b-99';
const mitac = results('v6.0', `${MITAC}/Offline`, `${MITAC}/Server`, `${MITAC}/Interactive`);
const MITAC_ACCEPTED = [`Results ${MITAC}/Interactive 54730.5`, `Results ${MITAC}/Offline 78988.6`, `Results ${MITAC}/Server 77377.9`];
// v6.0 gpt-oss-120b: TEST07 and TEST09.
const GPT_OSS = 'closed/RedHat/results/8xB200-LLM-D-Openshift/gpt-oss-120b';
const gptOss = results('v6.0', `${GPT_OSS}/Offline`, `${GPT_OSS}/Server`);
const GPT_OSS_ACCEPTED = [`Results ${GPT_OSS}/Offline 93070.7`, `Results ${GPT_OSS}/Server 71588.1`];

describe('the real results', () => {
  it('an accuracy folder holding a performance run’s empty log: accepted officially, rejected by acc/log-coverage', async () => {
    // Neither monolith path reads the samples: check_accuracy_dir looks at accuracy.txt, the hash line and the size.
    expect(await officialLines('v4.1', amd)).toEqual([`Results ${AMD}/Offline 3062.72`, `Results ${AMD}/Server 2520.27`]);
    expect(await rejections('v4.1', amd)).toEqual({ [`${AMD}/Offline`]: [], [`${AMD}/Server`]: ['acc/log-coverage'] });
  });

  it('truncated logs only give information: no rejection', async () => {
    expect(await rejections('v6.0', mitac)).toEqual({ [`${MITAC}/Interactive`]: [], [`${MITAC}/Offline`]: [], [`${MITAC}/Server`]: [] });
    expect(await rejections('v6.0', gptOss)).toEqual({ [`${GPT_OSS}/Offline`]: [], [`${GPT_OSS}/Server`]: [] });
  });
});

describe('comp/test06-recheck', () => {
  it('rejects padded outputs that verify_accuracy.txt passes', async () => {
    const log = `${MITAC}/Server/TEST06/accuracy/mlperf_log_accuracy.json`;
    const padded = logRecords(mitac[log] as Buffer).map((record, position) =>
      position === 0 ? { ...record, data: `${record.data}${tokenHex([2, 2])}`, token_count: Number(record.token_count) + 2 } : record,
    );
    const tree = withChanges(mitac, { [log]: loadgenLog(padded) });
    // NEW compliance check: TEST06/verify_accuracy.txt still holds the three passing lines.
    expect(await officialLines('v6.0', tree)).toEqual(MITAC_ACCEPTED);
    expect((await rejections('v6.0', tree))[`${MITAC}/Server`]).toEqual(['comp/test06-recheck']);
  });
});

describe('comp/test09-recheck', () => {
  it('rejects a TEST09 report made with another model’s thresholds', async () => {
    const report = `${GPT_OSS}/Offline/TEST09/verify_output_len.txt`;
    const tree = withChanges(gptOss, { [report]: String(gptOss[report]).replace('Min threshold: 1150.38', 'Min threshold: 246.43').replace('Max threshold: 1406.02', 'Max threshold: 301.19') });
    // NEW: "TEST PASS" is still in the file.
    expect(await officialLines('v6.0', tree)).toEqual(GPT_OSS_ACCEPTED);
    expect((await rejections('v6.0', tree))[`${GPT_OSS}/Offline`]).toEqual(['comp/test09-recheck']);
  });
});

describe('acc/hash-matches and acc/reproduce', () => {
  it('reject an accuracy.txt that does not belong to the complete log beside it', async () => {
    const folder = `${MITAC}/Offline/accuracy`;
    const log = loadgenLog([0, 1, 2].map((qsl) => ({ seq_id: qsl, qsl_idx: qsl, data: tokenHex([450, 338, 2]), token_count: 3 })));
    const tree = withChanges(mitac, { [`${folder}/mlperf_log_accuracy.json`]: log });
    // NEW accuracy_json_check: the size is within 10240 bytes; accuracy.txt keeps its targets and hash line.
    expect(await officialLines('v6.0', tree)).toEqual(MITAC_ACCEPTED);
    // The log's 3 samples are not the 24576 of accuracy.txt, nor its hash.
    expect((await rejections('v6.0', tree))[`${MITAC}/Offline`]).toEqual(['acc/hash-matches', 'acc/log-coverage', 'acc/reproduce']);
  });
});
