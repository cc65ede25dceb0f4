import { createHash } from 'node:crypto';
import { parsed, type FileSource, type ParseResult, type Parser } from './parse-result.ts';

/** The digests the audit needs: SHA-1 (what the power client and server record), SHA-256 (comparing logs). */
export type HashAlgorithm = 'sha1' | 'sha256';

const parsers = new Map<HashAlgorithm, Parser<string>>();
/** Files up to this size are read in one go: streaming a small file costs a read buffer far larger than the file. */
const WHOLE_READ_BYTES = 1024 * 1024;

/**
 * The hex digest of a file's bytes; a large file is streamed, never held in memory. One parser per algorithm,
 * so that the loader hashes each file once per algorithm however many rules ask.
 */
export function fileHashParser(algorithm: HashAlgorithm): Parser<string> {
  let parser = parsers.get(algorithm);
  if (parser === undefined) {
    parser = {
      id: `file-hash:${algorithm}`,
      async parse(source: FileSource): Promise<ParseResult<string>> {
        const hash = createHash(algorithm);
        if (source.size <= WHOLE_READ_BYTES) hash.update(await source.readBuffer());
        else for await (const chunk of source.chunks()) hash.update(chunk);
        return parsed(hash.digest('hex'));
      },
    };
    parsers.set(algorithm, parser);
  }
  return parser;
}

/** SHA-256, as truncate_accuracy_log.py records it for a full accuracy log and as the audit compares logs. */
export const sha256Parser: Parser<string> = fileHashParser('sha256');
/** SHA-1, as the power client and server record it for each result file. */
export const sha1Parser: Parser<string> = fileHashParser('sha1');
