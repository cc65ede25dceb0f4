import { looksBinary, parsed, type FileSource, type ParseProblem, type ParseResult, type Parser } from './parse-result.ts';

const MARKERS = [':::MLLOG', ':::ENDPTS'];

/** A JSON value from an MLLOG line; integers beyond 2^53 (LoadGen's seeds) are kept exact as bigint. */
export type MllogValue = string | number | bigint | boolean | null | MllogValue[] | { [key: string]: MllogValue };

export interface MllogEvent {
  readonly key: string;
  readonly value: MllogValue;
  readonly line: number;
  readonly isError: boolean;
  readonly isWarning: boolean;
}

export interface MllogLog {
  /** First event of each key (the official parser's `log[key]`). */
  get(key: string): MllogEvent | undefined;
  has(key: string): boolean;
  readonly errors: readonly MllogEvent[];
  readonly warnings: readonly MllogEvent[];
  /** Lines that are not valid MLLOG events; the official (strict) parser gives up at the first one. */
  readonly problems: readonly ParseProblem[];
  readonly lineCount: number;
}

/** Keys whose values the audit never reads but which can be megabytes long: recorded, not decoded. */
const UNDECODED_KEYS = new Set(['loaded_qsl_set']);
/** The start of an event line: marker and key, read from the line's first bytes before deciding to decode it. */
const EVENT_HEAD = /^(:::MLLOG|:::ENDPTS)\s*\{\s*"key"\s*:\s*"([^"\\]*)"/;
const HEAD_BYTES = 128;
/** An event value that is an integer too large for a double (LoadGen's seeds). */
const BIG_INTEGER_VALUE = /("value"\s*:\s*)(-?\d{16,})(\s*[,}])/;

/** LoadGen's `mlperf_log_detail.txt`, streamed line by line. */
export const mllogParser: Parser<MllogLog> = {
  id: 'mllog',
  async parse(source: FileSource): Promise<ParseResult<MllogLog>> {
    const head = await source.readHead(8192);
    if (looksBinary(head)) return { ok: false, problems: [{ kind: 'malformed', message: 'is a binary file, not a LoadGen log' }] };
    const first = new Map<string, MllogEvent>();
    const errors: MllogEvent[] = [];
    const warnings: MllogEvent[] = [];
    const problems: ParseProblem[] = [];
    let lineNumber = 0;
    for await (const bytes of source.lineBuffers()) {
      lineNumber++;
      const head = bytes.subarray(0, HEAD_BYTES).toString('latin1');
      const marker = MARKERS.find((candidate) => head.startsWith(candidate));
      if (marker === undefined) {
        if (lineNumber === 1) problems.push({ kind: 'malformed', line: 1, message: 'does not start with an MLLOG marker (":::MLLOG")' });
        continue;
      }
      const key = EVENT_HEAD.exec(head)?.[2];
      const event =
        key !== undefined && UNDECODED_KEYS.has(key)
          ? { key, value: null, line: lineNumber, isError: false, isWarning: false }
          : parseEvent(bytes.subarray(marker.length).toString('utf8').trim(), lineNumber);
      if (typeof event === 'string') {
        problems.push({ kind: 'malformed', line: lineNumber, message: event });
        continue;
      }
      if (!first.has(event.key)) first.set(event.key, event);
      if (event.isError) errors.push(event);
      if (event.isWarning) warnings.push(event);
    }
    if (lineNumber === 0) problems.push({ kind: 'malformed', line: 1, message: 'is empty' });
    return parsed({
      get: (key) => first.get(key),
      has: (key) => first.has(key),
      errors,
      warnings,
      problems,
      lineCount: lineNumber,
    });
  },
};

function parseEvent(json: string, line: number): MllogEvent | string {
  let object: unknown;
  try {
    const bigInteger = BIG_INTEGER_VALUE.exec(json);
    object = JSON.parse(bigInteger ? json.replace(BIG_INTEGER_VALUE, '$1"$2"$3') : json);
    if (bigInteger) (object as { value: MllogValue }).value = BigInt(bigInteger[2] as string);
  } catch (cause) {
    return `is not a valid MLLOG event (${(cause as Error).message})`;
  }
  if (typeof object !== 'object' || object === null || typeof (object as { key?: unknown }).key !== 'string') {
    return 'is an MLLOG line without a "key"';
  }
  const { key, value, metadata } = object as { key: string; value?: MllogValue; metadata?: { is_error?: unknown; is_warning?: unknown } };
  return { key, value: value ?? null, line, isError: metadata?.is_error === true, isWarning: metadata?.is_warning === true };
}

/** A numeric MLLOG value as a double (seeds and counts beyond 2^53 lose precision, as in Python's float()). */
export function numberValue(event: MllogEvent | undefined): number | undefined {
  const value = event?.value;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  return undefined;
}

/** An MLLOG value as the exact text of an integer, for comparing seeds. */
export function integerText(event: MllogEvent | undefined): string | undefined {
  const value = event?.value;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value).toString();
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return value;
  return undefined;
}
