const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * Splits a byte stream into lines as Python's text mode does (\n, \r\n and a lone \r end a line), without decoding
 * them: a parser can look at a line's first bytes and skip a line it does not need, such as LoadGen's QSL list, which
 * runs to megabytes. Much faster than node:readline.
 */
export async function* splitLineBuffers(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  for await (const data of chunks) {
    const chunk = typeof data === 'string' ? Buffer.from(data) : data;
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE, start); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      const piece = chunk.subarray(start, end);
      yield* splitCarriageReturns(pending.length === 0 ? piece : Buffer.concat([...pending, piece]));
      pending = [];
      start = end + 1;
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
  }
  if (pending.length > 0) yield* splitCarriageReturns(Buffer.concat(pending));
}

/** The same lines, decoded as UTF-8. */
export async function* splitLines(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  for await (const line of splitLineBuffers(chunks)) yield line.toString('utf8');
}

function* splitCarriageReturns(line: Buffer): Generator<Buffer> {
  const end = line.at(-1) === CARRIAGE_RETURN ? line.length - 1 : line.length;
  let start = 0;
  for (let cr = line.indexOf(CARRIAGE_RETURN, start); cr !== -1 && cr < end; cr = line.indexOf(CARRIAGE_RETURN, start)) {
    yield line.subarray(start, cr);
    start = cr + 1;
  }
  yield line.subarray(start, end);
}
