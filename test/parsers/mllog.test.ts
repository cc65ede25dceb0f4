import { describe, expect, it } from 'vitest';
import { integerText, mllogParser, numberValue } from '../../src/parsers/mllog.ts';
import type { FileSource } from '../../src/parsers/parse-result.ts';
import { sourceOf } from '../support/file-source.ts';

const source = (content: string | Buffer): FileSource => sourceOf(content, 'log.txt');

const event = (key: string, value: string, isError = false) =>
  `:::MLLOG {"key": "${key}", "value": ${value}, "time_ms": 0.01, "namespace": "mlperf::logging", "event_type": "POINT_IN_TIME", "metadata": {"is_error": ${isError}, "is_warning": false, "file": "x.cc", "line_no": 1, "pid": 1, "tid": 1}}`;

describe('MLLOG parser', () => {
  it('keeps 64-bit seeds exact and reads the first value of each key', async () => {
    const result = await mllogParser.parse(source([event('effective_qsl_rng_seed', '18209322760996052031'), event('result_validity', '"VALID"'), event('result_validity', '"INVALID"')].join('\n')));
    if (!result.ok) throw new Error('expected a parsed log');
    expect(integerText(result.value.get('effective_qsl_rng_seed'))).toBe('18209322760996052031');
    expect(result.value.get('result_validity')?.value).toBe('VALID');
    expect(result.value.problems).toEqual([]);
  });

  it('reports a malformed line at its line number and reads the rest', async () => {
    const result = await mllogParser.parse(source([event('a', '1'), ':::MLLOG {"key": "b", "value": ', event('c', '3.5', true)].join('\n')));
    if (!result.ok) throw new Error('expected a parsed log');
    expect(result.value.problems).toEqual([expect.objectContaining({ line: 2, kind: 'malformed' })]);
    expect(numberValue(result.value.get('c'))).toBe(3.5);
    expect(result.value.errors.map((error) => error.key)).toEqual(['c']);
  });

  it('does not decode the QSL sample list, which can be megabytes long', async () => {
    const result = await mllogParser.parse(source(event('loaded_qsl_set', `[${Array.from({ length: 1000 }, (_, index) => index).join(',')}]`)));
    expect(result.ok && result.value.has('loaded_qsl_set')).toBe(true);
  });

  it('refuses binary files and notes a missing marker on the first line', async () => {
    expect((await mllogParser.parse(source(Buffer.from([1, 0, 2])))).ok).toBe(false);
    const plain = await mllogParser.parse(source('hello\nworld\n'));
    expect(plain.ok && plain.value.problems[0]).toMatchObject({ line: 1, message: expect.stringContaining('MLLOG marker') });
  });
});
