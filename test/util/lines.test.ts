import { describe, expect, it } from 'vitest';
import { splitLineBuffers, splitLines } from '../../src/util/lines.ts';

async function collect(chunks: string[]): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of splitLines((async function* () { yield* chunks; })())) lines.push(line);
  return lines;
}

describe('splitLines', () => {
  it('ends lines at \\n, \\r\\n and a lone \\r, as Python text mode does', async () => {
    expect(await collect(['a\nb\r\nc\rd'])).toEqual(['a', 'b', 'c', 'd']);
  });

  it('joins lines split across chunks, including a multi-byte character', async () => {
    const euro = Buffer.from('€');
    const chunks = [Buffer.concat([Buffer.from('x'), euro.subarray(0, 1)]), Buffer.concat([euro.subarray(1), Buffer.from('\nsecond')])];
    const lines: string[] = [];
    for await (const line of splitLines((async function* () { yield* chunks; })())) lines.push(line);
    expect(lines).toEqual(['x€', 'second']);
  });

  it('yields no empty line after a final newline, but keeps empty lines inside', async () => {
    expect(await collect(['a\n\nb\n'])).toEqual(['a', '', 'b']);
    expect(await collect([])).toEqual([]);
  });

  it('gives raw bytes to parsers that skip long lines', async () => {
    const lines: Buffer[] = [];
    for await (const line of splitLineBuffers((async function* () { yield Buffer.from('one\ntwo'); })())) lines.push(line);
    expect(lines.map(String)).toEqual(['one', 'two']);
  });
});
