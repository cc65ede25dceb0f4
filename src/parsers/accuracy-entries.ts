import { createHash } from 'node:crypto';
import { TRUNCATION_KEPT_CHARS, TRUNCATION_MARKER } from './accuracy-log.ts';
import { looksBinary, parsed, type FileSource, type ParseResult, type Parser } from './parse-result.ts';

/** Logs up to this size are read whole to recognise the truncated form (which is about 8 KiB); larger ones are streamed. */
const WHOLE_READ_LIMIT = 64 * 1024;
/** Of a payload in a complete log, the first hex characters kept to compare with a payload cut by truncation. */
const KEPT_PREFIX_CHARS = 1024;

/**
 * One LoadGen record, `{ "seq_id" : 4, "qsl_idx" : 10451, "data" : "EB49…" }`, on one line (LLM records carry
 * `token_count` and `token_data` after `data`).
 */
export const ACCURACY_RECORD = /^\s*\{\s*"seq_id"\s*:\s*(\d+)\s*,\s*"qsl_idx"\s*:\s*(\d+)\s*,\s*"data"\s*:\s*"([0-9A-Fa-f]*)"[^{}]*\}\s*,?\s*$/;
/** The start of a record that truncation cut: its seq_id, maybe its qsl_idx, maybe the start of its payload. */
const CUT_RECORD = /^\s*\{\s*"seq_id"\s*:\s*(\d+)\s*,(?:\s*"qsl_idx"\s*:\s*(\d+)\s*,(?:\s*"data"\s*:\s*"([0-9A-Fa-f]*)$)?)?/;
const STRUCTURE = /^\s*[[\]]?\s*$/;

/** A record's payload: its size and digest when whole, and its first hex characters (upper case). */
export interface Payload {
  /** Bytes of the payload; for a cut payload, the bytes that survive. */
  readonly bytes: number;
  /** False for a payload cut by truncate_accuracy_log.py. */
  readonly complete: boolean;
  /** SHA-256 of the upper-case hex of a complete payload. */
  readonly digest?: string;
  /** The first hex characters: all of them in a truncated log, the first 1024 in a complete one. */
  readonly prefix: string;
}

export interface AccuracyEntry {
  readonly seqId: number;
  readonly qslIdx: number;
  readonly payload: Payload;
  readonly line: number;
}

/** The record truncation cut at the end of the kept head: what of it survives. */
export interface CutEntry {
  readonly seqId: number;
  readonly qslIdx?: number;
  readonly payload?: Payload;
  readonly line: number;
}

export interface AccuracyEntries {
  /** `truncated`: the first and last 4096 characters that truncate_accuracy_log.py keeps, with its marker between. */
  readonly form: 'complete' | 'truncated';
  /** The whole records read, in file order. */
  readonly entries: readonly AccuracyEntry[];
  /** In a truncated log, the start of the record cut at the end of the head, when its seq_id survives. */
  readonly cut?: CutEntry;
  /** Lines that are neither LoadGen records nor the array's brackets (another layout, or damage), and the first. */
  readonly otherLines: number;
  readonly firstOtherLine?: number;
}

function payloadOf(hex: string, complete: boolean, keepAll: boolean): Payload {
  const upper = hex.toUpperCase();
  const bytes = Math.floor(upper.length / 2);
  const prefix = keepAll ? upper : upper.slice(0, KEPT_PREFIX_CHARS);
  if (!complete) return { bytes, complete, prefix };
  return { bytes, complete, digest: createHash('sha256').update(upper).digest('hex'), prefix };
}

class EntryCollector {
  readonly entries: AccuracyEntry[] = [];
  otherLines = 0;
  firstOtherLine: number | undefined;

  readonly keepWholePayloads: boolean;

  constructor(keepWholePayloads: boolean) {
    this.keepWholePayloads = keepWholePayloads;
  }

  /** Reads one line; false when it is not a whole record (nor a bracket or blank). */
  feed(line: string, lineNumber: number): boolean {
    const record = ACCURACY_RECORD.exec(line);
    if (record !== null) {
      this.entries.push({ seqId: Number(record[1]), qslIdx: Number(record[2]), payload: payloadOf(record[3] ?? '', true, this.keepWholePayloads), line: lineNumber });
      return true;
    }
    if (STRUCTURE.test(line)) return true;
    return false;
  }

  other(lineNumber: number): void {
    this.otherLines++;
    this.firstOtherLine ??= lineNumber;
  }

  result(form: AccuracyEntries['form'], cut?: CutEntry): AccuracyEntries {
    return { form, entries: this.entries, ...(cut !== undefined && { cut }), otherLines: this.otherLines, ...(this.firstOtherLine !== undefined && { firstOtherLine: this.firstOtherLine }) };
  }
}

/** The lines of a text whose line breaks are \n. */
function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

function readTruncated(text: string): AccuracyEntries {
  const collector = new EntryCollector(true);
  const headLines = splitLines(text.slice(0, TRUNCATION_KEPT_CHARS));
  let cut: CutEntry | undefined;
  headLines.forEach((line, position) => {
    const lineNumber = position + 1;
    if (collector.feed(line, lineNumber)) return;
    const cutRecord = position === headLines.length - 1 ? CUT_RECORD.exec(line) : null;
    if (cutRecord === null) {
      // The head's last line may be cut anywhere, even before its seq_id ends.
      if (position !== headLines.length - 1) collector.other(lineNumber);
      return;
    }
    const [, seqId, qslIdx, hex] = cutRecord;
    cut = { seqId: Number(seqId), ...(qslIdx !== undefined && { qslIdx: Number(qslIdx) }), ...(hex !== undefined && { payload: payloadOf(hex, false, true) }), line: lineNumber };
  });
  // The tail starts inside a record unless the cut fell on a line start: its first line counts only when whole.
  const tailStart = TRUNCATION_KEPT_CHARS + TRUNCATION_MARKER.length;
  const tailFirstLine = splitLines(text.slice(0, tailStart)).length + 1;
  splitLines(text.slice(tailStart)).forEach((line, position) => {
    if (!collector.feed(line, tailFirstLine + position) && position > 0) collector.other(tailFirstLine + position);
  });
  return collector.result('truncated', cut);
}

function isTruncatedForm(text: string): boolean {
  const tailStart = TRUNCATION_KEPT_CHARS + TRUNCATION_MARKER.length;
  return text.length === tailStart + TRUNCATION_KEPT_CHARS && text.slice(TRUNCATION_KEPT_CHARS, tailStart) === TRUNCATION_MARKER;
}

/**
 * The records of a LoadGen `mlperf_log_accuracy.json`, whole or in the truncated form, with their payloads reduced
 * to a size, a digest and a prefix (a complete log may hold gigabytes of payload).
 */
export const accuracyEntriesParser: Parser<AccuracyEntries> = {
  id: 'accuracy-entries',
  async parse(source: FileSource): Promise<ParseResult<AccuracyEntries>> {
    if (looksBinary(await source.readHead(8192))) return { ok: false, problems: [{ kind: 'malformed', message: 'is a binary file, not a LoadGen accuracy log' }] };
    if (source.size <= WHOLE_READ_LIMIT) {
      // Python's text mode, in which truncate_accuracy_log.py counted the characters it kept, reads \r\n as \n.
      const text = (await source.readText()).replace(/\r\n?/g, '\n');
      if (isTruncatedForm(text)) return parsed(readTruncated(text));
      const collector = new EntryCollector(true);
      splitLines(text).forEach((line, position) => {
        if (!collector.feed(line, position + 1)) collector.other(position + 1);
      });
      return parsed(collector.result('complete'));
    }
    const collector = new EntryCollector(false);
    let lineNumber = 0;
    for await (const line of source.lines()) {
      lineNumber++;
      if (!collector.feed(line, lineNumber)) collector.other(lineNumber);
    }
    return parsed(collector.result('complete'));
  },
};
