import { failed, parsed, type FileSource, type ParseResult, type Parser } from './parse-result.ts';

/** A value read from one line of a verification report, with its 1-based line number. */
export interface ReportValue {
  readonly value: string;
  readonly line: number;
}

/** A line stating a test's outcome: `TEST PASS`, or `TEST FAIL` with the reason the script gives. */
export interface ReportVerdict {
  readonly outcome: 'pass' | 'fail';
  /** The stripped line, e.g. `TEST FAIL: Test score invalid`. */
  readonly text: string;
  readonly line: number;
}

/**
 * A compliance test's verification output (`TESTxx/verify_accuracy.txt`, `verify_performance.txt`,
 * `verify_output_len.txt`), line by line as Python's text mode reads it.
 */
export interface VerifyReport {
  /** Lines that start with `TEST PASS` or `TEST FAIL` once stripped, in file order. */
  readonly verdicts: readonly ReportVerdict[];
  /** The first line containing `TEST PASS` anywhere: what the official checkers look for in most reports. */
  readonly passAnywhereLine: number | undefined;
  /** `name = value` lines (TEST01 and TEST08 counters, verify_performance scores), by lower-cased name; the last one wins. */
  readonly assignments: ReadonlyMap<string, ReportValue>;
  /** `Name: value` lines (TEST06 check lines, TEST07 and TEST09 summaries), by lower-cased name; the last one wins. */
  readonly labels: ReadonlyMap<string, ReportValue>;
  readonly lineCount: number;
  /** The first line that equals `text` once stripped as Python's `str.strip()` does, if any. */
  lineOf(text: string): number | undefined;
}

/** Python's `str.isspace()` characters, which `str.strip()` removes (JavaScript's `trim()` differs on a few). */
const PYTHON_SPACE = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const PYTHON_STRIP = new RegExp(`^[${PYTHON_SPACE}]+|[${PYTHON_SPACE}]+$`, 'g');
/** The lines anyone looks up exactly are short; longer ones (progress output) are not indexed. */
const INDEXED_LINE_LENGTH = 200;
const VERDICT = /^TEST (PASS|FAIL)/;
const ASSIGNMENT = /^([A-Za-z_][\w ]*?)\s*=\s*(.*)$/;
const LABEL = /^([A-Za-z][\w ()/-]*?):\s*(.*)$/;

export function pythonStrip(text: string): string {
  return text.replace(PYTHON_STRIP, '');
}

/** A verification report of a compliance test; a file Python could not decode as UTF-8 is malformed. */
export const verifyTxtParser: Parser<VerifyReport> = {
  id: 'verify-txt',
  async parse(source: FileSource): Promise<ParseResult<VerifyReport>> {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(await source.readBuffer());
    } catch {
      return failed('malformed', 'is not UTF-8 text');
    }
    const verdicts: ReportVerdict[] = [];
    const assignments = new Map<string, ReportValue>();
    const labels = new Map<string, ReportValue>();
    const firstLine = new Map<string, number>();
    let passAnywhereLine: number | undefined;
    // Python's text mode ends lines at \n, \r\n and a lone \r.
    const lines = text.split(/\r\n|\r|\n/);
    if (lines.at(-1) === '') lines.pop();
    lines.forEach((raw, position) => {
      const line = position + 1;
      if (passAnywhereLine === undefined && raw.includes('TEST PASS')) passAnywhereLine = line;
      const stripped = pythonStrip(raw);
      if (stripped.length <= INDEXED_LINE_LENGTH && !firstLine.has(stripped)) firstLine.set(stripped, line);
      const verdict = VERDICT.exec(stripped);
      if (verdict) {
        verdicts.push({ outcome: verdict[1] === 'PASS' ? 'pass' : 'fail', text: stripped, line });
        return;
      }
      const assignment = ASSIGNMENT.exec(stripped);
      if (assignment) {
        assignments.set((assignment[1] as string).toLowerCase(), { value: assignment[2] as string, line });
        return;
      }
      const label = LABEL.exec(stripped);
      if (label) labels.set((label[1] as string).toLowerCase(), { value: label[2] as string, line });
    });
    return parsed({
      verdicts,
      passAnywhereLine,
      assignments,
      labels,
      lineCount: lines.length,
      lineOf: (wanted) => firstLine.get(wanted),
    });
  },
};

/** A report value as a number; undefined when absent or not numeric (a trailing `%` is allowed). */
export function reportNumber(value: ReportValue | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value.value.replace(/%$/, '').trim());
  return value.value.trim() === '' || Number.isNaN(number) ? undefined : number;
}
