/** Why a file could not be used: it is not there, cannot be read, or its content is not what it should be. */
export type ProblemKind = 'missing' | 'unreadable' | 'malformed';

export interface ParseProblem {
  readonly kind: ProblemKind;
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

/** Parsers return values, never throw: a malformed file becomes a diagnostic at that file. */
export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly ParseProblem[] };

export function parsed<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}

export function failed<T>(kind: ProblemKind, message: string, position: { line?: number; column?: number } = {}): ParseResult<T> {
  return { ok: false, problems: [{ kind, message, ...position }] };
}

/** A file as a parser sees it; every read goes through the audit's SubmissionFs. */
export interface FileSource {
  readonly path: string;
  readonly size: number;
  readBuffer(): Promise<Buffer>;
  readHead(bytes: number): Promise<Buffer>;
  readText(): Promise<string>;
  /** Lines without their terminators, streamed; memory stays bounded by the longest line. */
  lines(): AsyncIterable<string>;
  /** The same lines as raw bytes, for parsers that skip long lines without decoding them. */
  lineBuffers(): AsyncIterable<Buffer>;
  /** The raw bytes in chunks, streamed (e.g. for hashing a file without holding it in memory). */
  chunks(): AsyncIterable<Buffer>;
}

export interface Parser<T> {
  /** Distinguishes cached results of different parsers of the same file; include any configuration. */
  readonly id: string;
  parse(source: FileSource): Promise<ParseResult<T>>;
}

const BINARY_PROBE_BYTES = 8192;

/** Text files never contain NUL bytes; a file that does is binary, whatever its name says. */
export function looksBinary(buffer: Buffer): boolean {
  return buffer.subarray(0, BINARY_PROBE_BYTES).includes(0);
}

/** 1-based line and column of an offset in a text. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
    line++;
    lineStart = index + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
