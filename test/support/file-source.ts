import { fileSource } from '../../src/checkers/file-loader.ts';
import type { FileSource } from '../../src/parsers/parse-result.ts';
import { MemoryFs } from '../../src/tree/memory-fs.ts';

/** A parser's input made from text or bytes, read through the same FileSource the audit uses. */
export function sourceOf(content: string | Buffer, name = 'file.txt'): FileSource {
  const fs = new MemoryFs({ [name]: content });
  return fileSource(fs, name, typeof content === 'string' ? Buffer.byteLength(content) : content.length);
}
