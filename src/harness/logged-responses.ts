import { TRUNCATION_MARKER } from '../parsers/accuracy-log.ts';
import { ACCURACY_RECORD } from '../parsers/accuracy-entries.ts';
import { looksBinary, parsed, type FileSource, type ParseResult, type Parser } from '../parsers/parse-result.ts';

/** One response LoadGen logged: which sample, and its payload as the hex LoadGen wrote. */
export interface LoggedResponse {
  readonly seqId: number;
  readonly qslIdx: number;
  readonly hex: string;
  readonly line: number;
}

export interface LoggedResponses {
  /** `truncated`: truncate_accuracy_log.py kept only both ends, so most responses are gone. */
  readonly form: 'complete' | 'truncated';
  readonly responses: readonly LoggedResponse[];
  /** Lines that are neither records nor brackets, and the first of them. */
  readonly otherLines: number;
  readonly firstOtherLine?: number;
}

const STRUCTURE = /^\s*[[\]]?\s*$/;
/** A truncated log is about 8 KiB; anything this small is read whole to look for the truncation marker. */
const SMALL_LOG_BYTES = 64 * 1024;

/**
 * The whole payload of every record of `mlperf_log_accuracy.json`, streamed line by line. The harness needs the
 * payloads themselves (the audit's accuracy-entries parser keeps only digests); they are small for the tasks it
 * re-runs (a label, a few detections, 3 KiB of logits).
 */
export const loggedResponsesParser: Parser<LoggedResponses> = {
  id: 'harness-logged-responses',
  async parse(source: FileSource): Promise<ParseResult<LoggedResponses>> {
    if (looksBinary(await source.readHead(8192))) return { ok: false, problems: [{ kind: 'malformed', message: 'is a binary file, not a LoadGen accuracy log' }] };
    const truncated = source.size <= SMALL_LOG_BYTES && (await source.readText()).replace(/\r\n?/g, '\n').includes(TRUNCATION_MARKER);
    const responses: LoggedResponse[] = [];
    let otherLines = 0;
    let firstOtherLine: number | undefined;
    let lineNumber = 0;
    for await (const line of source.lines()) {
      lineNumber++;
      const record = ACCURACY_RECORD.exec(line);
      if (record !== null) {
        responses.push({ seqId: Number(record[1]), qslIdx: Number(record[2]), hex: record[3] ?? '', line: lineNumber });
      } else if (!STRUCTURE.test(line) && !truncated) {
        otherLines++;
        firstOtherLine ??= lineNumber;
      }
    }
    return parsed({ form: truncated ? 'truncated' : 'complete', responses, otherLines, ...(firstOtherLine !== undefined && { firstOtherLine }) });
  },
};
