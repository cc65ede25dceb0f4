import { looksBinary, parsed, type FileSource, type ParseProblem, type ParseResult, type Parser } from './parse-result.ts';

/** What truncate_accuracy_log.py puts between the kept head and tail of a log it truncates (spec §2.3, §3.4). */
export const TRUNCATION_MARKER = '\n\n...\n\n';
/** Characters kept at each end of a truncated log. */
export const TRUNCATION_KEPT_CHARS = 4096;
/** Logs up to this size are read whole to recognise the truncated form; larger ones are streamed. */
const WHOLE_READ_LIMIT = 64 * 1024;
const MAX_PROBLEMS = 20;
/** Key names longer than this are never `qsl_idx`; longer keys are not kept. */
const MAX_KEY_LENGTH = 32;
const SCALAR_CHAR = /[\w.+-]/;
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
/** What ends a run of plain string content. */
const STRING_SPECIAL = /["\\]/g;
/** Hex digits kept of each end of a sample's `data` (and of its `token_data`): a few tokens, whatever their width. */
const EDGE_HEX_DIGITS = 64;
/** Repeated `qsl_idx` values named by `repeatedQslIdx`. */
const REPEATED_EXAMPLES = 10;
const HEX = /^[0-9A-Fa-f]*$/;

/** The distinct `qsl_idx` values of a log, as sorted disjoint inclusive ranges: `[[0, 4], [7, 7]]` for {0…4, 7}. */
export interface QslCoverage {
  readonly distinct: number;
  /** Records whose `qsl_idx` repeats one seen before. */
  readonly duplicates: number;
  readonly ranges: readonly (readonly [number, number])[];
}

export interface AccuracyLog {
  /** `complete`: the whole log; `truncated`: cut by truncate_accuracy_log.py (the first and last 4096 characters). */
  readonly form: 'complete' | 'truncated';
  /** `loadgen`: one record a line as LoadGen writes it; `other`: some other JSON layout. */
  readonly layout: 'loadgen' | 'other';
  /** Records read; of a truncated log only those wholly inside the kept head and tail (less the tail's first line). */
  readonly records: number;
  readonly qslIdx: QslCoverage;
  /** The first few `qsl_idx` values that more than one record carries, in ascending order. */
  readonly repeatedQslIdx: readonly number[];
  /** The records' `seq_id` values (the order LoadGen issued the samples in), the same way. */
  readonly seqIds: QslCoverage;
  /** What is wrong with the content, with line numbers; a truncated log's cut ends are not problems. */
  readonly problems: readonly ParseProblem[];
}

/**
 * One logged sample as the token-level checks need it: its size and the two ends of its `data`, never the whole of it
 * (a sample may hold megabytes). Hex digits are as written (LoadGen writes upper case).
 */
export interface LoggedSample {
  readonly line: number;
  readonly seqId?: number;
  readonly qslIdx?: number;
  /** Bytes in `data`; undefined when the record has no `data` or it is not an even number of hex digits. */
  readonly dataBytes?: number;
  /** The first hex digits of `data` (up to 64). */
  readonly dataHead: string;
  /** The last hex digits of `data` (up to 64). */
  readonly dataTail: string;
  /**
   * Whether `data` reads as 8-byte little-endian integers that all fit in 4 bytes: a length that is a multiple of 8
   * bytes and every second 4-byte word zero. Token ids written as int64 look like this; int32 ones almost never do.
   */
  readonly looksInt64: boolean;
  /** LoadGen's `token_count` (the SUT's reported number of output tokens), when the record has one. */
  readonly tokenCount?: number;
  /** `token_data`, the first-token payload the SUT reported (hex, up to 64 digits), when the record has one. */
  readonly tokenData?: string;
}

export interface AccuracyLogSamples extends AccuracyLog {
  /** Every record read, in file order. */
  readonly samples: readonly LoggedSample[];
}

/**
 * LoadGen's `mlperf_log_accuracy.json`: a JSON array with one record a line
 * (`{ "seq_id" : 4, "qsl_idx" : 10451, "data" : "EB49…" }`), or its truncated form. Read token by token, so any other
 * JSON layout is read too; the sample data is skipped, never kept.
 */
export const accuracyLogParser: Parser<AccuracyLog> = {
  id: 'accuracy-log',
  async parse(source: FileSource): Promise<ParseResult<AccuracyLog>> {
    return readAccuracyLog(source, undefined);
  },
};

/**
 * The same log with a summary of each record (`seq_id`, `qsl_idx`, size and ends of `data`, `token_count`,
 * `token_data`), for the checks that look at the samples themselves: TEST06, TEST09, recomputed token counts.
 */
export const accuracySamplesParser: Parser<AccuracyLogSamples> = {
  id: 'accuracy-log-samples',
  async parse(source: FileSource): Promise<ParseResult<AccuracyLogSamples>> {
    const samples: LoggedSample[] = [];
    const log = await readAccuracyLog(source, samples);
    return log.ok ? parsed({ ...log.value, samples }) : log;
  },
};

async function readAccuracyLog(source: FileSource, samples: LoggedSample[] | undefined): Promise<ParseResult<AccuracyLog>> {
  if (looksBinary(await source.readHead(8192))) {
    return { ok: false, problems: [{ kind: 'malformed', message: 'is a binary file, not a LoadGen accuracy log' }] };
  }
  if (source.size === 0) return { ok: false, problems: [{ kind: 'malformed', line: 1, message: 'is empty' }] };
  const collected = new Collected(samples);
  if (source.size <= WHOLE_READ_LIMIT) {
    // Read as Python's text mode reads it (truncate_accuracy_log.py counts characters so): line breaks become \n.
    const text = (await source.readText()).replace(/\r\n?/g, '\n');
    const cut = truncationPoint(text);
    if (cut !== undefined) return parsed(readTruncated(text, cut, collected));
    const scanner = new RecordScanner({ firstLine: 1, collected });
    splitLines(text).forEach((line) => scanner.feed(line));
    return parsed(scanner.finish('complete'));
  }
  const scanner = new RecordScanner({ firstLine: 1, collected });
  for await (const line of source.lines()) scanner.feed(line);
  return parsed(scanner.finish('complete'));
}

/** Where the tail of a truncated log starts, or undefined when the text is not in the truncated form. */
function truncationPoint(text: string): number | undefined {
  const tailStart = TRUNCATION_KEPT_CHARS + TRUNCATION_MARKER.length;
  if (text.length !== tailStart + TRUNCATION_KEPT_CHARS) return undefined;
  return text.slice(TRUNCATION_KEPT_CHARS, tailStart) === TRUNCATION_MARKER ? tailStart : undefined;
}

function readTruncated(text: string, tailStart: number, collected: Collected): AccuracyLog {
  const headLines = splitLines(text.slice(0, TRUNCATION_KEPT_CHARS));
  const head = new RecordScanner({ firstLine: 1, collected, cutEnd: true });
  headLines.forEach((line) => head.feed(line));
  const headSummary = head.finish('truncated');
  // The tail starts inside a record: resume at its second line, inside the top-level array.
  const tailLines = splitLines(text.slice(tailStart));
  const tailFirstLine = text.slice(0, tailStart).split('\n').length;
  const tail = new RecordScanner({ firstLine: tailFirstLine + 1, collected, insideArray: true });
  tailLines.slice(1).forEach((line) => tail.feed(line));
  const tailSummary = tail.finish('truncated');
  return {
    ...collected.summary(),
    form: 'truncated',
    layout: headSummary.layout === 'loadgen' && tailSummary.layout === 'loadgen' ? 'loadgen' : 'other',
    records: headSummary.records + tailSummary.records,
  };
}

/** The lines of a text whose line breaks are \n. */
function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** The problems of one log, capped: a broken log would otherwise give one per record. */
class ProblemList {
  readonly #problems: ParseProblem[] = [];
  #dropped = 0;

  add(line: number, message: string): void {
    if (this.#problems.length < MAX_PROBLEMS) this.#problems.push({ kind: 'malformed', line, message });
    else this.#dropped++;
  }

  list(): ParseProblem[] {
    if (this.#dropped === 0) return [...this.#problems];
    return [...this.#problems, { kind: 'malformed', message: `has ${this.#dropped} more problems like these` }];
  }
}

/** `qsl_idx` values in a growable typed array: a full accuracy log holds up to millions of records. */
class QslCollector {
  #values = new Float64Array(1024);
  #count = 0;

  add(value: number): void {
    if (this.#count === this.#values.length) {
      const grown = new Float64Array(this.#values.length * 2);
      grown.set(this.#values);
      this.#values = grown;
    }
    this.#values[this.#count++] = value;
  }

  coverage(): QslCoverage {
    return this.#scan().coverage;
  }

  /** The first few values that occur more than once, ascending. */
  repeated(): number[] {
    return this.#scan().repeated;
  }

  #scan(): { coverage: QslCoverage; repeated: number[] } {
    const sorted = this.#values.slice(0, this.#count).sort();
    const ranges: [number, number][] = [];
    const repeated: number[] = [];
    let distinct = 0;
    for (const value of sorted) {
      const last = ranges.at(-1);
      if (last && value === last[1]) {
        if (repeated.at(-1) !== value && repeated.length < REPEATED_EXAMPLES) repeated.push(value);
        continue;
      }
      distinct++;
      if (last && value === last[1] + 1) last[1] = value;
      else ranges.push([value, value]);
    }
    return { coverage: { distinct, duplicates: this.#count - distinct, ranges }, repeated };
  }
}

/** What the scanners of one log (both ends of a truncated one) collect together. */
class Collected {
  readonly qsl = new QslCollector();
  readonly seq = new QslCollector();
  readonly problems = new ProblemList();
  /** Per-record summaries, kept only when the caller asked for them. */
  readonly samples: LoggedSample[] | undefined;

  constructor(samples: LoggedSample[] | undefined) {
    this.samples = samples;
  }

  summary(): Pick<AccuracyLog, 'qslIdx' | 'repeatedQslIdx' | 'seqIds' | 'problems'> {
    return { qslIdx: this.qsl.coverage(), repeatedQslIdx: this.qsl.repeated(), seqIds: this.seq.coverage(), problems: this.problems.list() };
  }
}

/** Reads a hex string as it streams by, keeping its length, its ends and what its 4-byte words look like. */
class HexReader {
  #digits = 0;
  #valid = true;
  #head = '';
  #tail = '';
  #oddWordsZero = true;

  feed(text: string): void {
    if (this.#valid && !HEX.test(text)) this.#valid = false;
    if (this.#head.length < EDGE_HEX_DIGITS) this.#head += text.slice(0, EDGE_HEX_DIGITS - this.#head.length);
    this.#tail = (this.#tail + text.slice(-EDGE_HEX_DIGITS)).slice(-EDGE_HEX_DIGITS);
    // Digits 8..15 of every 16 are the high word of a little-endian int64.
    for (let index = 0; index < text.length && this.#oddWordsZero; index++) {
      if ((this.#digits + index) % 16 >= 8 && text[index] !== '0') this.#oddWordsZero = false;
    }
    this.#digits += text.length;
  }

  /** An escape sequence inside the string: not hex. */
  invalidate(): void {
    this.#valid = false;
  }

  get bytes(): number | undefined {
    return this.#valid && this.#digits % 2 === 0 ? this.#digits / 2 : undefined;
  }

  get head(): string {
    return this.#head;
  }

  get tail(): string {
    return this.#tail;
  }

  get looksInt64(): boolean {
    return this.#valid && this.#digits > 0 && this.#digits % 16 === 0 && this.#oddWordsZero;
  }
}

/** The fields of the record being read that the per-record summary keeps. */
interface RecordFields {
  seqId?: number;
  tokenCount?: number;
  data?: HexReader;
  tokenData?: HexReader;
}

type Container = 'array' | 'object';
type Expect = 'value' | 'valueOrEnd' | 'key' | 'keyOrEnd' | 'colon' | 'commaOrEnd' | 'done';

interface ScannerOptions {
  /** The line number of the first line fed. */
  readonly firstLine: number;
  /** Shared between the head and the tail of a truncated log. */
  readonly collected: Collected;
  /** The text stops mid-record (the head of a truncated log): an unfinished end is no problem. */
  readonly cutEnd?: boolean;
  /** The text starts inside the top-level array (the tail of a truncated log). */
  readonly insideArray?: boolean;
}

/**
 * A JSON scanner that keeps only what the summary needs: the nesting, the record (object element of the top-level
 * array) being read, its `qsl_idx`, and short key names. String contents are skipped, so memory stays bounded by
 * the line the caller feeds.
 */
class RecordScanner {
  readonly #collected: Collected;
  readonly #problems: ProblemList;
  readonly #cutEnd: boolean;
  readonly #stack: Container[] = [];
  #expect: Expect = 'value';
  #line: number;
  #stopped = false;
  #sawValue = false;
  // String state, kept across lines (a raw line break inside a string is invalid JSON, but the scanner goes on).
  #inString = false;
  #escaped = false;
  #stringIsKey = false;
  #key = '';
  // Scalar (number or literal) being read.
  #scalar = '';
  // The record being read.
  #recordKey = '';
  #recordFields: RecordFields = {};
  /** The hex string being read, when it is a record's `data` or `token_data` and samples are kept. */
  #hex: HexReader | undefined;
  #recordQsl: number | undefined;
  #recordHasQsl = false;
  #recordLine = 0;
  #recordOnOneLine = true;
  #records = 0;
  #allRecordsOnOneLine = true;

  constructor(options: ScannerOptions) {
    this.#line = options.firstLine - 1;
    this.#collected = options.collected;
    this.#problems = options.collected.problems;
    this.#cutEnd = options.cutEnd ?? false;
    if (options.insideArray) {
      this.#stack.push('array');
      this.#expect = 'valueOrEnd';
      this.#sawValue = true;
    }
  }

  feed(line: string): void {
    this.#line++;
    if (this.#stopped) return;
    let position = 0;
    while (position < line.length && !this.#stopped) {
      if (this.#inString) {
        position = this.#skipString(line, position);
        continue;
      }
      const char = line[position] as string;
      if (this.#scalar !== '') {
        if (SCALAR_CHAR.test(char)) {
          this.#scalar += char;
          position++;
          continue;
        }
        this.#finishScalar();
        continue;
      }
      if (char === ' ' || char === '\t') {
        position++;
        continue;
      }
      this.#token(char, position);
      position++;
    }
    // A line break ends a scalar.
    if (this.#scalar !== '' && !this.#stopped) this.#finishScalar();
  }

  finish(form: AccuracyLog['form']): AccuracyLog {
    if (!this.#stopped && !this.#cutEnd) {
      if (this.#inString || this.#stack.length > 0 || this.#scalar !== '') this.#problems.add(this.#line, 'ends before the JSON array is closed');
      else if (!this.#sawValue) this.#problems.add(this.#line, 'holds no JSON value');
    }
    return { ...this.#collected.summary(), form, layout: this.#allRecordsOnOneLine ? 'loadgen' : 'other', records: this.#records };
  }

  /** Consumes string content from `position`; returns where scanning goes on. */
  #skipString(line: string, position: number): number {
    let index = position;
    if (this.#escaped) {
      this.#escaped = false;
      index++;
    }
    while (index < line.length) {
      STRING_SPECIAL.lastIndex = index;
      const special = STRING_SPECIAL.exec(line);
      if (special === null) {
        this.#stringContent(line.slice(index));
        return line.length;
      }
      this.#stringContent(line.slice(index, special.index));
      if (special[0] === '"') {
        this.#inString = false;
        this.#endString();
        return special.index + 1;
      }
      this.#hex?.invalidate();
      // A backslash escapes the next character, which may be on the next line only in a broken log.
      if (special.index + 1 >= line.length) {
        this.#escaped = true;
        return line.length;
      }
      index = special.index + 2;
    }
    return index;
  }

  #stringContent(text: string): void {
    if (this.#stringIsKey) {
      if (this.#key.length <= MAX_KEY_LENGTH) this.#key += text.slice(0, MAX_KEY_LENGTH + 1 - this.#key.length);
    } else if (text !== '') this.#hex?.feed(text);
  }

  #token(char: string, position: number): void {
    switch (this.#expect) {
      case 'value':
      case 'valueOrEnd':
        if (char === ']' && this.#expect === 'valueOrEnd') return this.#close('array');
        return this.#startValue(char, position);
      case 'key':
      case 'keyOrEnd':
        if (char === '}' && this.#expect === 'keyOrEnd') return this.#close('object');
        if (char !== '"') return this.#fail(`has ${describe(char)} where a quoted key belongs`);
        this.#inString = true;
        this.#stringIsKey = true;
        this.#key = '';
        return;
      case 'colon':
        if (char !== ':') return this.#fail(`has ${describe(char)} where ':' belongs`);
        this.#expect = 'value';
        return;
      case 'commaOrEnd': {
        const top = this.#stack.at(-1);
        if (char === ',') {
          this.#expect = top === 'object' ? 'key' : 'value';
          return;
        }
        if ((char === ']' && top === 'array') || (char === '}' && top === 'object')) return this.#close(top);
        return this.#fail(`has ${describe(char)} where ',' or the end of the ${top ?? 'value'} belongs`);
      }
      case 'done':
        return this.#fail(`has ${describe(char)} after the end of the JSON array`);
    }
  }

  #startValue(char: string, position: number): void {
    const depth = this.#stack.length;
    if (depth === 0) {
      this.#sawValue = true;
      if (char !== '[') this.#problems.add(this.#line, 'is not a JSON array of records');
    }
    if (depth === 1 && this.#stack[0] === 'array' && char !== '{') this.#problems.add(this.#line, 'has an element that is not a record (a JSON object)');
    if (char === '{') {
      if (depth === 1 && this.#stack[0] === 'array') this.#startRecord(position);
      this.#stack.push('object');
      this.#expect = 'keyOrEnd';
      return;
    }
    if (char === '[') {
      this.#stack.push('array');
      this.#expect = 'valueOrEnd';
      return;
    }
    if (char === '"') {
      this.#inString = true;
      this.#stringIsKey = false;
      if (this.#atRecordField('qsl_idx')) this.#problems.add(this.#line, 'has a qsl_idx that is a string, not a number');
      if (this.#collected.samples !== undefined && (this.#atRecordField('data') || this.#atRecordField('token_data'))) {
        this.#hex = new HexReader();
        if (this.#recordKey === 'data') this.#recordFields.data = this.#hex;
        else this.#recordFields.tokenData = this.#hex;
      }
      return;
    }
    if (SCALAR_CHAR.test(char)) {
      this.#scalar = char;
      return;
    }
    this.#fail(`has ${describe(char)} where a JSON value belongs`);
  }

  #startRecord(position: number): void {
    this.#recordKey = '';
    this.#recordFields = {};
    this.#recordQsl = undefined;
    this.#recordHasQsl = false;
    this.#recordLine = this.#line;
    this.#recordOnOneLine = position === 0;
  }

  #endString(): void {
    if (this.#stringIsKey) {
      if (this.#stack.length === 2) this.#recordKey = this.#key;
      this.#expect = 'colon';
      return;
    }
    this.#hex = undefined;
    this.#valueDone();
  }

  #finishScalar(): void {
    const text = this.#scalar;
    this.#scalar = '';
    if (text !== 'true' && text !== 'false' && text !== 'null' && !JSON_NUMBER.test(text)) {
      return this.#fail(`has "${text.slice(0, 40)}", which is not a JSON value`);
    }
    if (this.#atRecordField('qsl_idx')) {
      if (/^\d+$/.test(text) && Number.isSafeInteger(Number(text))) this.#recordQsl = Number(text);
      else this.#problems.add(this.#line, `has qsl_idx ${text}, which is not a sample index (a non-negative integer)`);
      this.#recordHasQsl = true;
    }
    const count = /^\d+$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : undefined;
    if (this.#atRecordField('seq_id')) this.#recordFields.seqId = count;
    if (this.#atRecordField('token_count')) this.#recordFields.tokenCount = count;
    this.#valueDone();
  }

  /** Whether the value being read is the given field of a record. */
  #atRecordField(field: string): boolean {
    return this.#stack.length === 2 && this.#stack[0] === 'array' && this.#recordKey === field;
  }

  #valueDone(): void {
    this.#expect = this.#stack.length === 0 ? 'done' : 'commaOrEnd';
  }

  #close(container: Container): void {
    this.#stack.pop();
    if (container === 'object' && this.#stack.length === 1 && this.#stack[0] === 'array') this.#endRecord();
    this.#valueDone();
  }

  #endRecord(): void {
    this.#records++;
    if (!this.#recordOnOneLine || this.#recordLine !== this.#line) this.#allRecordsOnOneLine = false;
    if (this.#recordQsl !== undefined) this.#collected.qsl.add(this.#recordQsl);
    else if (!this.#recordHasQsl) this.#problems.add(this.#recordLine, 'has a record without qsl_idx');
    const { seqId, tokenCount, data, tokenData } = this.#recordFields;
    if (seqId !== undefined) this.#collected.seq.add(seqId);
    this.#collected.samples?.push({
      line: this.#recordLine,
      ...(seqId !== undefined && { seqId }),
      ...(this.#recordQsl !== undefined && { qslIdx: this.#recordQsl }),
      ...(data?.bytes !== undefined && { dataBytes: data.bytes }),
      dataHead: data?.head ?? '',
      dataTail: data?.tail ?? '',
      looksInt64: data?.looksInt64 ?? false,
      ...(tokenCount !== undefined && { tokenCount }),
      ...(tokenData !== undefined && { tokenData: tokenData.head }),
    });
  }

  /** A syntax error: what follows cannot be read reliably, so scanning stops. */
  #fail(message: string): void {
    this.#problems.add(this.#line, `is not valid JSON: it ${message}`);
    this.#stopped = true;
  }
}

function describe(char: string): string {
  return /^[\x21-\x7e]$/.test(char) ? `'${char}'` : `character U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}
