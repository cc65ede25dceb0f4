import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fileHashParser, sha1Parser, sha256Parser } from '../../src/parsers/file-hash.ts';
import { sourceOf } from '../support/file-source.ts';

describe('file hash parser', () => {
  it('gives the hex digest of the bytes, as sha256sum and hashlib do', async () => {
    expect(await sha256Parser.parse(sourceOf('abc'))).toEqual({ ok: true, value: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' });
    expect(await sha1Parser.parse(sourceOf('abc'))).toEqual({ ok: true, value: 'a9993e364706816aba3e25717850c26c9cd0d89d' });
  });

  it('streams a large file in chunks and hashes every byte, line endings included', async () => {
    const large = Buffer.alloc(3 * 1024 * 1024 + 17);
    for (let index = 0; index < large.length; index++) large[index] = (index * 31) % 251;
    large.write('a\r\nb\rc\n', 1000);
    const expected = createHash('sha256').update(large).digest('hex');
    expect(await sha256Parser.parse(sourceOf(large, 'log.txt'))).toEqual({ ok: true, value: expected });
  });

  it('is one parser per algorithm, so the loader hashes a file once', () => {
    expect(fileHashParser('sha256')).toBe(sha256Parser);
    expect(fileHashParser('sha1')).toBe(sha1Parser);
    expect(sha1Parser.id).not.toBe(sha256Parser.id);
  });
});
