import { describe, expect, it } from 'vitest';
import { loadgenTraceParser, type LoadgenTrace } from '../../src/parsers/loadgen-trace.ts';
import { sourceOf } from '../support/file-source.ts';
import { traceFile } from '../support/loadgen-trace.ts';

async function parse(text: string | Buffer): Promise<LoadgenTrace> {
  const result = await loadgenTraceParser.parse(sourceOf(text, 'mlperf_log_trace.json'));
  if (!result.ok) throw new Error(result.problems[0]?.message);
  return result.value;
}

const samples = [
  { sequence: 0, query: 0, sampleIndex: 17, scheduledNs: 1_000_123, issuedNs: 2_500, completedNs: 900_001 },
  { sequence: 1, query: 1, sampleIndex: 4, scheduledNs: 2_000_456, issuedNs: 2_600, completedNs: 800_002 },
];

describe('loadgenTraceParser', () => {
  it('reads the sample begin events of a current LoadGen trace, ts to the nanosecond', async () => {
    const trace = await parse(traceFile(samples));
    expect(trace.samples).toBe(2);
    expect([...trace.sampleIndex]).toEqual([17, 4]);
    expect([...trace.sequence]).toEqual([0, 1]);
    expect([...trace.query]).toEqual([0, 1]);
    expect([...trace.scheduledNs]).toEqual([1_000_123, 2_000_456]);
    expect([...trace.issuedNs]).toEqual([2_500, 2_600]);
    expect([...trace.completedNs]).toEqual([900_001, 800_002]);
    expect(trace.complete).toBe(true);
    expect(trace.unreadableLines).toBe(0);
  });

  it('reads the spaced form of older LoadGens and grows past its initial capacity', async () => {
    const line = (i: number) => `{"name": "Sample", "cat": "default", "ph": "b", "id": ${i}, "pid": 1, "tid": 2, "ts": ${i}.5, "args": { "sample_seq" : ${i}, "query_seq" : ${i}, "sample_idx" : ${i % 7}, "issue_start_ns" : 10, "complete_ns" : 20 }},`;
    const trace = await parse(`{ "traceEvents": [\n${Array.from({ length: 5000 }, (_, i) => line(i)).join('\n')}\n`);
    expect(trace.samples).toBe(5000);
    expect(trace.sampleIndex[4999]).toBe(4999 % 7);
    expect(trace.scheduledNs[3]).toBe(3500);
    expect(trace.complete).toBe(false);
  });

  it('counts sample lines it cannot read instead of failing', async () => {
    const broken = traceFile(samples).replace('"sample_idx":4', '"sample_idx":"four"');
    const trace = await parse(broken);
    expect(trace.samples).toBe(1);
    expect(trace.unreadableLines).toBe(1);
  });

  it('turns an empty or binary file into a problem', async () => {
    const empty = await loadgenTraceParser.parse(sourceOf('', 'mlperf_log_trace.json'));
    expect(empty).toMatchObject({ ok: false, problems: [{ kind: 'malformed', message: expect.stringContaining('is empty') }] });
    const binary = await loadgenTraceParser.parse(sourceOf(Buffer.from([0x7b, 0, 1, 2]), 'mlperf_log_trace.json'));
    expect(binary).toMatchObject({ ok: false, problems: [{ message: expect.stringContaining('binary') }] });
  });
});
