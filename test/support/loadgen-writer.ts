import { loadgenLog } from './accuracy-logs.ts';

/**
 * Writes LoadGen's log formats for test fixtures (spec inference-checker.md §3.2, §3.4; harness.md §1.1):
 * `mlperf_log_detail.txt` events and `mlperf_log_accuracy.json` records, byte for byte as LoadGen writes them.
 */

export type LoadgenValue = string | number | bigint | boolean | readonly number[] | { readonly [key: string]: string };

/** One MLLOG event of a detail log. */
export interface DetailEvent {
  readonly key: string;
  readonly value: LoadgenValue;
  readonly isError?: boolean;
  readonly isWarning?: boolean;
}

/**
 * A double as C++ `operator<<` prints it (`%g`, 6 significant digits, trailing zeros dropped, an exponent below 1e-4
 * and from 1e6): 25150, 3333.33, 1.5e+06.
 */
export function cppDouble(value: number): string {
  if (value === 0) return '0';
  const [mantissa = '', exponentText = '0'] = value.toExponential(5).split('e');
  const exponent = Number(exponentText);
  const trim = (digits: string): string => (digits.includes('.') ? digits.replace(/0+$/, '').replace(/\.$/, '') : digits);
  if (exponent < -4 || exponent >= 6) return `${trim(mantissa)}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  return trim(value.toFixed(Math.max(0, 5 - exponent)));
}

function formatValue(value: LoadgenValue): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  // LoadGen prints its integers (uint64 counts, seeds) whole and its doubles with operator<<.
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : cppDouble(value);
  if (Array.isArray(value)) return `[${value.join(', ')}]`;
  return `{${Object.entries(value).map(([key, text]) => `${JSON.stringify(key)}: ${JSON.stringify(text)}`).join(', ')}}`;
}

/** `mlperf_log_detail.txt`: one `:::MLLOG {…}` line per event, with LoadGen's metadata. */
export function detailLog(events: readonly DetailEvent[], options: { readonly sourceFile?: string } = {}): string {
  const file = options.sourceFile ?? '/work/inference/loadgen/loadgen.cc';
  return events
    .map((event, position) => {
      const timeMs = (position * 0.001).toFixed(6);
      const metadata = `{"is_error": ${event.isError ?? false}, "is_warning": ${event.isWarning ?? false}, "file": ${JSON.stringify(file)}, "line_no": ${100 + position}, "pid": 4242, "tid": 4242}`;
      return `:::MLLOG {"key": ${JSON.stringify(event.key)}, "value": ${formatValue(event.value)}, "time_ms": ${timeMs}, "namespace": "mlperf::logging", "event_type": "POINT_IN_TIME", "metadata": ${metadata}}\n`;
    })
    .join('');
}

const BIG_INTEGER_VALUE = /("value"\s*:\s*)(-?\d{16,})(\s*[,}])/;

/** The events of a real detail log, to write a run with the same settings (seeds stay exact as bigint). */
export function detailEvents(text: string): DetailEvent[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith(':::MLLOG'))
    .map((line) => {
      const json = line.slice(':::MLLOG'.length).trim();
      const big = BIG_INTEGER_VALUE.exec(json);
      const event = JSON.parse(big ? json.replace(BIG_INTEGER_VALUE, '$1"$2"$3') : json) as { key: string; value: unknown; metadata?: { is_error?: boolean; is_warning?: boolean } };
      const value = big ? BigInt(big[2] as string) : (event.value as LoadgenValue);
      return { key: event.key, value, isError: event.metadata?.is_error === true, isWarning: event.metadata?.is_warning === true };
    });
}

/** Events with some values replaced (by key) and others appended. */
export function withEvents(events: readonly DetailEvent[], changes: Readonly<Record<string, LoadgenValue>>): DetailEvent[] {
  const replaced = events.map((event) => (event.key in changes ? { ...event, value: changes[event.key] as LoadgenValue } : event));
  const added = Object.entries(changes)
    .filter(([key]) => !events.some((event) => event.key === key))
    .map(([key, value]) => ({ key, value }));
  return [...replaced, ...added];
}

/** One response as LoadGen logs it. */
export interface AccuracyRecord {
  readonly seqId: number;
  readonly qslIdx: number;
  readonly data: Uint8Array;
}

/**
 * `mlperf_log_accuracy.json` as LoadGen's logger writes it: `[`, each record on its own line after `\n` (the first)
 * or `,\n`, the payload in upper-case hex, and `\n]\n` at the end.
 */
export function accuracyLog(records: readonly AccuracyRecord[]): string {
  return loadgenLog(records.map((record) => ({ seq_id: record.seqId, qsl_idx: record.qslIdx, data: Buffer.from(record.data).toString('hex').toUpperCase() })));
}
