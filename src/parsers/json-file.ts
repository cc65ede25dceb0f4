import { looksBinary, failed, parsed, positionAt, type Parser } from './parse-result.ts';

/** Any JSON document (model_mapping.json, measurements JSON): the value, or where it stops being JSON. */
export const jsonParser: Parser<unknown> = {
  id: 'json',
  async parse(source) {
    const buffer = await source.readBuffer();
    if (looksBinary(buffer)) return failed('malformed', 'is a binary file, not JSON');
    const text = buffer.toString('utf8');
    try {
      return parsed(JSON.parse(text) as unknown);
    } catch (cause) {
      const offset = /position (\d+)/.exec((cause as Error).message)?.[1];
      return failed('malformed', `is not valid JSON (${(cause as Error).message})`, offset === undefined ? {} : positionAt(text, Number(offset)));
    }
  },
};
