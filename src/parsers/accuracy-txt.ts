import { parsed, type FileSource, type ParseResult, type Parser } from './parse-result.ts';

/** The key of the round's pattern for the line truncate_accuracy_log.py appends (`hash=<sha256>`). */
export const HASH_PATTERN_KEY = 'hash';
/** The official checkers' own hash pattern, for a round file that does not list one. */
const DEFAULT_HASH_PATTERN = String.raw`^hash=([\w\d]+)$`;

/** One line an accuracy pattern matched, with the text its capture group took. */
export interface AccuracyMatch {
  /** The pattern's key in the round's `accuracyPatterns` (`acc`, `ROUGE1`, ...). */
  readonly metric: string;
  /** The captured text, unconverted (the official checkers call Python's `float()` on it). */
  readonly text: string;
  /** 1-based line number. */
  readonly line: number;
}

export interface AccuracyTxt {
  /** Every (line, pattern) match except the hash pattern's: lines in file order, on one line the round's pattern order. */
  readonly matches: readonly AccuracyMatch[];
  /** The first line that matches the hash pattern. */
  readonly hash?: { readonly value: string; readonly line: number };
  readonly lineCount: number;
}

/**
 * A round's accuracy patterns compiled with Python `re.match` semantics: anchored at the start of the line, and `.`
 * matching any character but the line break (the lines are split on \n, \r\n and \r, as Python's text mode reads
 * them, and carry no terminator). `\d`, `\w` and `\s` are ASCII here, Unicode in Python: accuracy scripts print ASCII.
 */
function compile(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})`, 's');
}

/**
 * `accuracy.txt`, the output of a benchmark's accuracy script plus the hash line, streamed line by line. The parser
 * is specific to one round's patterns; `id` must tell rounds apart (results are cached per parser id and path).
 */
export function accuracyTxtParser(id: string, patterns: Readonly<Record<string, string>>): Parser<AccuracyTxt> {
  const metricPatterns = Object.entries(patterns)
    .filter(([metric]) => metric !== HASH_PATTERN_KEY)
    .map(([metric, pattern]) => ({ metric, regex: compile(pattern) }));
  const hashPattern = compile(patterns[HASH_PATTERN_KEY] ?? DEFAULT_HASH_PATTERN);
  return {
    id: `accuracy-txt:${id}`,
    async parse(source: FileSource): Promise<ParseResult<AccuracyTxt>> {
      const matches: AccuracyMatch[] = [];
      let hash: AccuracyTxt['hash'];
      let lineNumber = 0;
      for await (const line of source.lines()) {
        lineNumber++;
        for (const { metric, regex } of metricPatterns) {
          const text = regex.exec(line)?.[1];
          if (text !== undefined) matches.push({ metric, text, line: lineNumber });
        }
        if (hash === undefined) {
          const value = hashPattern.exec(line)?.[1];
          if (value !== undefined) hash = { value, line: lineNumber };
        }
      }
      return parsed({ matches, ...(hash && { hash }), lineCount: lineNumber });
    },
  };
}

/**
 * The number Python's `float()` makes of a captured text, or undefined where it raises. The accuracy patterns
 * capture digits and dots only, so a text is a number when it has a digit and at most one dot.
 */
export function pythonFloatOf(text: string): number | undefined {
  if (!/^(?:\d+\.?\d*|\.\d+)$/.test(text.trim())) return undefined;
  return Number(text.trim());
}
