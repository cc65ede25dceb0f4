import { describe, expect, it } from 'vitest';
import { accuracyLogParser, accuracySamplesParser } from '../../src/parsers/accuracy-log.ts';
import { loadgenLog, range, tokenHex, truncateLog } from '../support/accuracy-logs.ts';
import { sourceOf } from '../support/file-source.ts';

async function samplesOf(content: string) {
  const result = await accuracySamplesParser.parse(sourceOf(content, 'log.json'));
  if (!result.ok) throw new Error(`expected a parsed log: ${result.problems[0]?.message}`);
  return result.value;
}

describe('accuracy log parser: repeated indices and seq_id', () => {
  it('names the first repeated qsl_idx values and covers seq_id like qsl_idx', async () => {
    const log = loadgenLog([5, 1, 5, 2, 1, 5].map((qsl, seq) => ({ seq_id: seq * 2, qsl_idx: qsl, data: '00' })));
    const result = await accuracyLogParser.parse(sourceOf(log, 'log.json'));
    expect(result.ok && result.value.repeatedQslIdx).toEqual([1, 5]);
    expect(result.ok && result.value.seqIds).toEqual({ distinct: 6, duplicates: 0, ranges: [[0, 0], [2, 2], [4, 4], [6, 6], [8, 8], [10, 10]] });
  });
});

describe('accuracy samples parser', () => {
  it('summarises each record: size and ends of data, token_count, token_data', async () => {
    const tokens = range(40, 1000);
    const log = await samplesOf(loadgenLog([{ seq_id: 3, qsl_idx: 7, data: tokenHex(tokens), token_data: tokenHex([1000]), token_count: 40 }]));
    expect(log.samples).toEqual([
      { line: 2, seqId: 3, qslIdx: 7, dataBytes: 160, dataHead: tokenHex(tokens.slice(0, 8)), dataTail: tokenHex(tokens.slice(-8)), looksInt64: false, tokenCount: 40, tokenData: tokenHex([1000]) },
    ]);
  });

  it('recognises int64 token ids, and data that is not hex', async () => {
    const log = await samplesOf(loadgenLog([
      { seq_id: 0, qsl_idx: 0, data: tokenHex([1, 2, 3], 8) },
      { seq_id: 1, qsl_idx: 1, data: 'XYZ0' },
      { seq_id: 2, qsl_idx: 2, data: '' },
    ]));
    expect(log.samples.map((sample) => [sample.dataBytes, sample.looksInt64])).toEqual([[24, true], [undefined, false], [0, false]]);
  });

  it('keeps the whole records of a truncated log only', async () => {
    const full = loadgenLog(range(500).map((qsl) => ({ seq_id: qsl, qsl_idx: qsl, data: tokenHex(range(10)) })));
    const log = await samplesOf(truncateLog(full));
    expect(log.form).toBe('truncated');
    expect(log.samples.length).toBe(log.records);
    expect(log.samples.every((sample) => sample.dataBytes === 40)).toBe(true);
  });
});
