import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { accuracyLogParser, TRUNCATION_KEPT_CHARS, TRUNCATION_MARKER } from '../../src/parsers/accuracy-log.ts';
import type { FileSource } from '../../src/parsers/parse-result.ts';
import { sourceOf } from '../support/file-source.ts';
import { sharedInference } from '../support/shared-data.ts';

const source = (content: string | Buffer): FileSource => sourceOf(content, 'log.json');

async function parse(content: string | Buffer) {
  const result = await accuracyLogParser.parse(source(content));
  if (!result.ok) throw new Error(`expected a parsed log: ${result.problems[0]?.message}`);
  return result.value;
}

/** A log as LoadGen writes it: "[", one record a line joined by ",\n", "\n]\n". */
function loadgenLog(indices: readonly number[], dataLength = 8): string {
  const records = indices.map((qsl, seq) => `{ "seq_id" : ${seq}, "qsl_idx" : ${qsl}, "data" : "${'AB'.repeat(dataLength / 2)}" }`);
  return `[\n${records.join(',\n')}\n]\n`;
}

/** What truncate_accuracy_log.py makes of a log: its first and last 4096 characters around a marker. */
function truncate(log: string): string {
  return log.slice(0, TRUNCATION_KEPT_CHARS) + TRUNCATION_MARKER + log.slice(-TRUNCATION_KEPT_CHARS);
}

describe('accuracy log parser', () => {
  it('reads a complete LoadGen log: records and the qsl_idx coverage as ranges', async () => {
    const log = await parse(loadgenLog([4, 0, 1, 2, 3, 7, 3]));
    expect(log).toMatchObject({ form: 'complete', layout: 'loadgen', records: 7, problems: [] });
    expect(log.qslIdx).toEqual({ distinct: 6, duplicates: 1, ranges: [[0, 4], [7, 7]] });
  });

  it('streams a large complete log', async () => {
    const log = await parse(loadgenLog(Array.from({ length: 3000 }, (_, index) => 2999 - index), 64));
    expect(log).toMatchObject({ form: 'complete', layout: 'loadgen', records: 3000, problems: [], qslIdx: { distinct: 3000, ranges: [[0, 2999]] } });
  });

  it('reads an empty performance-mode log', async () => {
    expect(await parse('[\n]\n')).toMatchObject({ records: 0, problems: [], qslIdx: { distinct: 0, ranges: [] } });
  });

  it('reads other JSON layouts token by token', async () => {
    const pretty = JSON.stringify([{ seq_id: 0, qsl_idx: 5, data: 'AA', extra: { nested: [1, 2] } }, { qsl_idx: 6, data: 'A\\"B' }], null, 2);
    const log = await parse(pretty);
    expect(log).toMatchObject({ form: 'complete', layout: 'other', records: 2, problems: [] });
    expect(log.qslIdx.ranges).toEqual([[5, 6]]);
  });

  it('recognises the truncated form and reads the whole records of its head and tail', async () => {
    const full = loadgenLog(Array.from({ length: 2000 }, (_, index) => index), 64);
    const log = await parse(truncate(full));
    expect(log.form).toBe('truncated');
    expect(log.layout).toBe('loadgen');
    expect(log.problems).toEqual([]);
    expect(log.records).toBeGreaterThan(40);
    expect(log.qslIdx.ranges[0]?.[0]).toBe(0);
    expect(log.qslIdx.ranges.at(-1)?.[1]).toBe(1999);
  });

  it('recognises a truncated log whose line breaks were converted to CRLF', async () => {
    const truncated = truncate(loadgenLog(Array.from({ length: 500 }, (_, index) => index), 64)).replace(/\n/g, '\r\n');
    expect(await parse(truncated)).toMatchObject({ form: 'truncated', problems: [] });
  });

  it('reports what is wrong, with line numbers', async () => {
    expect((await parse('[\n{ "seq_id" : 0, "data" : "AA" }\n]\n')).problems).toEqual([{ kind: 'malformed', line: 2, message: 'has a record without qsl_idx' }]);
    expect((await parse('[\n{ "seq_id" : 0, "qsl_idx" : -1 }\n]\n')).problems[0]).toMatchObject({ line: 2, message: expect.stringContaining('not a sample index') });
    expect((await parse('[\n{ "qsl_idx" : 1 }\n{ "qsl_idx" : 2 }\n]\n')).problems[0]).toMatchObject({ line: 3, message: expect.stringContaining('is not valid JSON') });
    expect((await parse('[\n{ "qsl_idx" : 1 },\n')).problems[0]).toMatchObject({ message: 'ends before the JSON array is closed' });
    expect((await parse('{"qsl_idx": 1}')).problems[0]).toMatchObject({ line: 1, message: 'is not a JSON array of records' });
  });

  it('caps the problems of a badly broken log', async () => {
    const log = await parse(`[\n${Array.from({ length: 50 }, () => '{ "data" : "AA" }').join(',\n')}\n]\n`);
    expect(log.problems).toHaveLength(21);
    expect(log.problems.at(-1)?.message).toBe('has 30 more problems like these');
  });

  it('refuses binary and empty files', async () => {
    expect((await accuracyLogParser.parse(source(Buffer.from([0x5b, 0, 0x5d])))).ok).toBe(false);
    expect((await accuracyLogParser.parse(source(''))).ok).toBe(false);
  });

  it('reads the truncated logs of the published results', async () => {
    const file = path.join(sharedInference('v5.1'), 'closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b/Offline/accuracy/mlperf_log_accuracy.json');
    const log = await parse(readFileSync(file));
    expect(log).toMatchObject({ form: 'truncated', layout: 'loadgen', problems: [] });
    expect(log.records).toBeGreaterThan(0);
  });
});
