import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { accuracyLogContentParser } from '../../src/checkers/inference/compliance.ts';
import type { FileSource } from '../../src/parsers/parse-result.ts';
import { sourceOf } from '../support/file-source.ts';
import { pythonStrip, reportNumber, verifyTxtParser, type VerifyReport } from '../../src/parsers/verify-txt.ts';
import { sharedInference } from '../support/shared-data.ts';

const source = (content: string | Buffer): FileSource => sourceOf(content, 'report.txt');

async function parse(text: string | Buffer): Promise<VerifyReport> {
  const result = await verifyTxtParser.parse(source(text));
  if (!result.ok) throw new Error(`expected a parsed report: ${result.problems[0]?.message}`);
  return result.value;
}

const real = (round: string, file: string): string => readFileSync(path.join(sharedInference(round), file), 'utf8');

describe('verify_*.txt parser', () => {
  it('reads the counters and the verdict of a real TEST01 verify_accuracy.txt', async () => {
    const report = await parse(real('v6.0', 'closed/RedHat/results/8xH200_whisper/whisper/Offline/TEST01/verify_accuracy.txt'));
    expect(report.assignments.get('num_perf_log_data_mismatch')).toEqual({ value: '2', line: 9 });
    expect(reportNumber(report.assignments.get('num_perf_log_entries'))).toBe(4107);
    expect(report.verdicts).toEqual([{ outcome: 'fail', text: 'TEST FAIL', line: 11 }]);
    expect(report.passAnywhereLine).toBeUndefined();
  });

  it('reads the three check lines of a real TEST06 report', async () => {
    const report = await parse(real('v6.0', 'closed/MiTAC/results/8xMI350X_2xEPYC-9755/llama2-70b-99/Server/TEST06/verify_accuracy.txt'));
    expect(report.lineOf('EOS check pass: True')).toBeGreaterThan(0);
    expect(report.labels.get('sample length check pass')?.value).toBe('True');
    expect(report.verdicts).toEqual([]);
  });

  it('reads the summaries of real TEST07 and TEST09 reports', async () => {
    const test07 = await parse(real('v6.0', 'closed/RedHat/results/8xB200-LLM-D-Openshift/gpt-oss-120b/Server/TEST07/verify_accuracy.txt'));
    expect(reportNumber(test07.labels.get('accuracy score'))).toBe(62.828);
    expect(reportNumber(test07.labels.get('accuracy threshold'))).toBe(60.698);
    expect(test07.verdicts.at(-1)).toMatchObject({ outcome: 'pass', line: test07.lineCount });
    const test09 = await parse(real('v6.0', 'closed/RedHat/results/8xB200-LLM-D-Openshift/gpt-oss-120b/Server/TEST09/verify_output_len.txt'));
    // The statistics block and the results block both print the mean: the last one is kept.
    expect(test09.labels.get('mean output tokens')).toEqual({ value: '1346.29', line: expect.any(Number) });
    expect(test09.labels.get('max check pass')?.value).toBe('True');
  });

  it('reads the scores and the failure reason of verify_performance.txt', async () => {
    const report = await parse('Verifying performance.\nreference score = 240030.57\ntest score = 200000.0\nTEST FAIL: Test score invalid\n');
    expect(reportNumber(report.assignments.get('reference score'))).toBe(240030.57);
    expect(report.verdicts).toEqual([{ outcome: 'fail', text: 'TEST FAIL: Test score invalid', line: 4 }]);
  });

  it('splits lines as Python text mode does and strips them as str.strip() does', async () => {
    const report = await parse('First token check pass: True\r\nEOS check pass: True\rSample length check pass: True \u00a0\n');
    expect(report.lineCount).toBe(3);
    expect(report.lineOf('EOS check pass: True')).toBe(2);
    expect(report.lineOf('Sample length check pass: True')).toBe(3);
    // A byte-order mark is not whitespace to Python: the line no longer matches.
    expect(pythonStrip('\ufeffTEST PASS')).toBe('\ufeffTEST PASS');
  });

  it('finds TEST PASS inside a longer line, as the official checkers do, without counting it as a verdict line', async () => {
    const report = await parse('Summary: TEST PASS (edited)\nTEST FAIL\n');
    expect(report.passAnywhereLine).toBe(1);
    expect(report.lineOf('TEST PASS')).toBeUndefined();
    expect(report.verdicts.map((verdict) => verdict.outcome)).toEqual(['fail']);
  });

  it('rejects a file that is not UTF-8 (Python cannot read it)', async () => {
    const result = await verifyTxtParser.parse(source(Buffer.from([0x54, 0x45, 0xff, 0xfe, 0x0a])));
    expect(result).toEqual({ ok: false, problems: [expect.objectContaining({ kind: 'malformed', message: 'is not UTF-8 text' })] });
  });
});

describe('accuracy log content', () => {
  it.each([
    ['[\n]\n', true],
    ['[]', true],
    ['', true],
    ['[\n{ "seq_id" : 0, "qsl_idx" : 1, "data" : "02" }\n]\n', false],
  ])('tells an empty log from one with entries: %j', async (text, empty) => {
    expect(await accuracyLogContentParser.parse(source(text))).toEqual({ ok: true, value: { empty } });
  });

  it('rejects a file that is not a JSON array', async () => {
    expect(await accuracyLogContentParser.parse(source('{}'))).toMatchObject({ ok: false });
  });
});
