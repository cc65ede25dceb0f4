import { failed, looksBinary, parsed, type Parser } from './parse-result.ts';

/** A small text file read whole (a pointer file such as code/<benchmark> naming another folder). */
export const textParser: Parser<string> = {
  id: 'text',
  async parse(source) {
    const buffer = await source.readBuffer();
    if (looksBinary(buffer)) return failed('malformed', 'is a binary file, not text');
    return parsed(buffer.toString('utf8'));
  },
};
