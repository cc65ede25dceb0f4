import { pythonFloat } from './python-float.ts';

/**
 * Formats a parsed JSON value the way Python's str() prints what json.load returned, so that values copied from
 * JSON files print exactly as in the official checkers' output. JSON numbers written with a fraction but an
 * integral value (`8.0`) print as integers: JSON.parse does not keep the difference.
 */
export function pythonStr(value: unknown): string {
  return typeof value === 'string' ? value : pythonRepr(value);
}

/** Python's repr() of a parsed JSON value: how it prints inside a list or a dict. */
export function pythonRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : pythonFloat(value);
  if (typeof value === 'bigint') return String(value);
  if (typeof value === 'string') return stringRepr(value);
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value).map(([key, item]) => `${stringRepr(key)}: ${pythonRepr(item)}`).join(', ')}}`;
  }
  return String(value);
}

const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Single quotes unless the text holds a single quote and no double quote, as Python chooses. */
function stringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  const escaped = [...text]
    .map((char) => {
      if (char === quote) return `\\${char}`;
      const escape = ESCAPES[char];
      if (escape !== undefined) return escape;
      const code = char.codePointAt(0) ?? 0;
      return code < 0x20 || code === 0x7f ? `\\x${code.toString(16).padStart(2, '0')}` : char;
    })
    .join('');
  return `${quote}${escaped}${quote}`;
}
