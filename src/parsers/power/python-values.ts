/**
 * The Python conversions the power checks depend on, with Python's semantics: what `float(text)` accepts and
 * what `datetime.strptime(text, "%m-%d-%Y %H:%M:%S.%f")` accepts.
 */

const DECIMAL = /^[+-]?(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?$/;
const SPECIAL = /^([+-]?)(nan|inf|infinity)$/i;

/** `float(text)`: the value, or undefined where Python raises ValueError. */
export function parsePythonFloat(text: string): number | undefined {
  const trimmed = text.trim();
  const special = SPECIAL.exec(trimmed);
  if (special) {
    if ((special[2] as string).toLowerCase() === 'nan') return Number.NaN;
    return special[1] === '-' ? -Infinity : Infinity;
  }
  if (!DECIMAL.test(trimmed)) return undefined;
  return Number(trimmed.replace(/_/g, ''));
}

/** The pattern Python's `_strptime` builds for "%m-%d-%Y %H:%M:%S.%f" (a space matches any run of whitespace). */
const LOG_TIME =
  /^(1[0-2]|0[1-9]|[1-9])-(3[01]|[12]\d|0[1-9]|[1-9]| [1-9])-(\d\d\d\d)\s+(2[0-3]|[0-1]\d|\d):([0-5]\d|\d):(6[0-1]|[0-5]\d|\d)\.(\d{1,6})$/;

/**
 * `datetime.strptime(text, "%m-%d-%Y %H:%M:%S.%f")` as microseconds since the epoch, the naive time read as UTC;
 * undefined where Python raises ValueError (no match, or a date or second the datetime does not accept).
 */
export function parseLogTime(text: string): number | undefined {
  const match = LOG_TIME.exec(text);
  if (!match) return undefined;
  const [month, day, year, hour, minute, second] = match.slice(1, 7).map((part) => Number(part.trim())) as [number, number, number, number, number, number];
  const fraction = match[7] as string;
  if (year < 1 || second > 59 || day > daysInMonth(year, month)) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime() * 1000 + Number(fraction.padEnd(6, '0'));
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
