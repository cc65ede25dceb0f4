import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { FileSource } from '../../src/parsers/parse-result.ts';
import { sourceOf } from '../support/file-source.ts';
import { ptdLogParser } from '../../src/parsers/power/ptd-log.ts';
import { parseLogTime, parsePythonFloat } from '../../src/parsers/power/python-values.ts';
import { ptdSessionParser } from '../../src/parsers/power/session.ts';
import { sha1Parser } from '../../src/parsers/file-hash.ts';
import { splParser } from '../../src/parsers/power/spl.ts';

const source = (content: string | Buffer): FileSource => sourceOf(content, 'file.txt');

const python = (program: string, inputs: readonly string[]): string[] =>
  execFileSync('python3', ['-c', `import sys, datetime\nfor x in sys.argv[1:]:\n  ${program}`, ...inputs], { encoding: 'utf8' }).split('\n').slice(0, -1);

describe('spl.txt parser', () => {
  it('keeps the Time lines with their line numbers and fields, CRLF or not', async () => {
    const text = 'header\r\nTime,07-23-2024 13:43:39.220,Watts,171.300000,Volts,118.1,Amps,1.658,PF,0.875,Mark,x_testing\r\nnoise\nTime,07-23-2024 13:43:40.228,Watts,nan\n';
    const result = await splParser.parse(source(text));
    if (!result.ok) throw new Error('expected a parsed log');
    expect(result.value.samples.map((sample) => [sample.line, sample.fields[1], sample.fields[3], sample.fields.at(-1)])).toEqual([
      [2, '07-23-2024 13:43:39.220', '171.300000', 'x_testing'],
      [4, '07-23-2024 13:43:40.228', 'nan', 'nan'],
    ]);
  });

  it('refuses a binary file', async () => {
    expect((await splParser.parse(source(Buffer.from([0x7f, 0x45, 0, 1])))).ok).toBe(false);
  });
});

describe('ptd_logs.txt parser', () => {
  it('keeps every line without its terminator', async () => {
    const result = await ptdLogParser.parse(source('banner\r\n07-23-2024 13:28:09.884: Go with mark \'s_ranging\'\n'));
    expect(result.ok && result.value.lines).toEqual(['banner', "07-23-2024 13:28:09.884: Go with mark 's_ranging'"]);
  });
});

describe('session descriptor parser', () => {
  it('lists the required keys a descriptor lacks', async () => {
    const result = await ptdSessionParser.parse(source(JSON.stringify({ version: '1.0', timezone: 14400, modules: {}, sources: {}, messages: [], uuid: {}, results: {} })));
    expect(result.ok && result.value.missingKeys).toEqual(['session_name', 'phases']);
  });

  it('refuses JSON that is not an object, and text that is not JSON', async () => {
    expect(await ptdSessionParser.parse(source('[1, 2]'))).toMatchObject({ ok: false, problems: [{ message: 'is not a JSON object' }] });
    expect(await ptdSessionParser.parse(source('{"version": '))).toMatchObject({ ok: false, problems: [{ kind: 'malformed' }] });
  });
});

describe('SHA-1 parser', () => {
  it('hashes the bytes of a file as hashlib.sha1 does', async () => {
    expect(await sha1Parser.parse(source('abc'))).toEqual({ ok: true, value: 'a9993e364706816aba3e25717850c26c9cd0d89d' });
  });
});

describe('Python conversions', () => {
  it('float() accepts what Python accepts', () => {
    const inputs = ['171.300000', ' 2.5\n', '1_000.5', '-inf', 'NaN', '1e3', '.5', '5.', 'abc', '', '1__0', '0x10'];
    const expected = python('try: print(repr(float(x)))\n  except ValueError: print("error")', inputs);
    expect(inputs.map((input) => {
      const value = parsePythonFloat(input);
      if (value === undefined) return 'error';
      if (Number.isNaN(value)) return 'nan';
      if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
      return String(value);
    })).toEqual(expected.map((text) => (/^(error|nan|-?inf)$/.test(text) ? text : String(Number(text)))));
  });

  it('strptime("%m-%d-%Y %H:%M:%S.%f") accepts what Python accepts, as microseconds since the epoch', () => {
    const inputs = ['07-23-2024 13:43:39.220', '7-3-2024 1:2:3.5', '02-29-2024 00:00:00.000001', '02-29-2023 00:00:00.0', '13-01-2024 00:00:00.0', '07-23-2024  13:43:39.220', '07-23-2024 13:43:39', '07-23-2024 13:43:60.0', '07-23-2024 13:43:39.2201234'];
    const expected = python(
      'try:\n    d = datetime.datetime.strptime(x, "%m-%d-%Y %H:%M:%S.%f")\n    print((d - datetime.datetime(1970, 1, 1)) // datetime.timedelta(microseconds=1))\n  except ValueError: print("error")',
      inputs,
    );
    expect(inputs.map((input) => String(parseLogTime(input) ?? 'error'))).toEqual(expected);
  });
});
