import { createHash } from 'node:crypto';
import { parsed, type FileSource, type ParseResult, type Parser } from '../parse-result.ts';

/** The SHA-1 of a file's bytes, in hex: what the power client and server record for each result file. */
export const sha1Parser: Parser<string> = {
  id: 'sha1',
  async parse(source: FileSource): Promise<ParseResult<string>> {
    return parsed(createHash('sha1').update(await source.readBuffer()).digest('hex'));
  },
};
