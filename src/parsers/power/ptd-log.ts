import { looksBinary, parsed, type FileSource, type ParseResult, type Parser } from '../parse-result.ts';

export interface PtdLog {
  /** Every line, without its terminator; line n is `lines[n - 1]`. */
  readonly lines: readonly string[];
}

/**
 * `power/ptd_logs.txt`, the log of the PTDaemon that drove the power analyzer: a banner, then lines
 * `MM-DD-YYYY HH:MM:SS.fff: <message>` (`Go with mark '<session>_ranging'`, `Completed test`, `ERROR: …`, `WARNING: …`).
 */
export const ptdLogParser: Parser<PtdLog> = {
  id: 'ptd-log',
  async parse(source: FileSource): Promise<ParseResult<PtdLog>> {
    if (looksBinary(await source.readHead(8192))) return { ok: false, problems: [{ kind: 'malformed', message: 'is a binary file, not a PTD log' }] };
    const lines: string[] = [];
    for await (const raw of source.lines()) lines.push(raw.endsWith('\r') ? raw.slice(0, -1) : raw);
    return parsed({ lines });
  },
};
