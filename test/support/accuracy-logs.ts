import { TRUNCATION_KEPT_CHARS, TRUNCATION_MARKER } from '../../src/parsers/accuracy-log.ts';

/** A record of mlperf_log_accuracy.json: the fields in LoadGen's order. */
export type AccuracyRecord = Readonly<Record<string, string | number>>;

/** A log as LoadGen writes it: "[", one record a line joined by ",\n", "\n]\n". */
export function loadgenLog(records: readonly AccuracyRecord[]): string {
  const lines = records.map((record) => `{ ${Object.entries(record).map(([key, value]) => `"${key}" : ${JSON.stringify(value)}`).join(', ')} }`);
  return lines.length === 0 ? '[\n]\n' : `[\n${lines.join(',\n')}\n]\n`;
}

/** The records of a LoadGen log (complete form). */
export function logRecords(log: string | Buffer): AccuracyRecord[] {
  return JSON.parse(String(log)) as AccuracyRecord[];
}

/** What truncate_accuracy_log.py makes of a log: its first and last 4096 characters around a marker. */
export function truncateLog(log: string): string {
  return log.slice(0, TRUNCATION_KEPT_CHARS) + TRUNCATION_MARKER + log.slice(-TRUNCATION_KEPT_CHARS);
}

/** Token ids as LoadGen logs an LLM's output: little-endian integers of 4 (int32) or 8 (int64) bytes, upper-case hex. */
export function tokenHex(tokens: readonly number[], width: 4 | 8 = 4): string {
  const buffer = Buffer.alloc(tokens.length * width);
  tokens.forEach((token, position) => (width === 4 ? buffer.writeInt32LE(token, position * width) : buffer.writeBigInt64LE(BigInt(token), position * width)));
  return buffer.toString('hex').toUpperCase();
}

/** One record per sample index, in order, with a little data each: an accuracy log covering `indices`. */
export function coverageLog(indices: readonly number[]): string {
  return loadgenLog(indices.map((qsl, seq) => ({ seq_id: seq, qsl_idx: qsl, data: '0A0B0C0D' })));
}

export const range = (count: number, start = 0): number[] => Array.from({ length: count }, (_, index) => start + index);
