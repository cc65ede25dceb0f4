import { looksBinary, parsed, type FileSource, type ParseResult, type Parser } from '../parse-result.ts';

/** One measurement line of a power analyzer log: `Time,<timestamp>,Watts,<W>,Volts,<V>,Amps,<A>,PF,<pf>,Mark,<mark>`. */
export interface SplSample {
  readonly line: number;
  /** The comma-separated fields as written; the checks convert the ones they use, the way Python would. */
  readonly fields: readonly string[];
}

export interface SplLog {
  /** The lines that start with `Time`, the only ones the official checkers read. */
  readonly samples: readonly SplSample[];
}

/** `spl.txt`, the PTD sample log copied into `performance/run_1/` and `performance/ranging/` of a power result. */
export const splParser: Parser<SplLog> = {
  id: 'spl',
  async parse(source: FileSource): Promise<ParseResult<SplLog>> {
    if (looksBinary(await source.readHead(8192))) return { ok: false, problems: [{ kind: 'malformed', message: 'is a binary file, not a power sample log' }] };
    const samples: SplSample[] = [];
    let lineNumber = 0;
    for await (const raw of source.lines()) {
      lineNumber++;
      if (!raw.startsWith('Time')) continue;
      // Python reads text files with universal newlines: a CRLF file has no trailing \r in its lines.
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      samples.push({ line: lineNumber, fields: line.split(',') });
    }
    return parsed({ samples });
  },
};
