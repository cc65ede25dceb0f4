import type { MemoryNode } from '../../../src/tree/memory-fs.ts';

const MARKER = ':::MLLOG ';

/**
 * A LoadGen detail log with the first event of `key` changed: its value replaced by `value` (JSON text, written as
 * is, so that 64-bit integers stay exact), or the event removed when `value` is undefined.
 */
export function withLogValue(log: string, key: string, value: string | undefined): string {
  const lines = log.split('\n');
  const index = lines.findIndex((line) => line.startsWith(MARKER) && line.includes(`"key": "${key}"`));
  if (index === -1) throw new Error(`the log has no ${key} event`);
  if (value === undefined) {
    lines.splice(index, 1);
  } else {
    const { key: _key, value: _value, ...rest } = JSON.parse((lines[index] as string).slice(MARKER.length)) as Record<string, unknown>;
    lines[index] = `${MARKER}{"key": "${key}", "value": ${value}, ${JSON.stringify(rest).slice(1)}`;
  }
  return lines.join('\n');
}

/** A LoadGen error event, as LoadGen writes one (e.g. `error_runtime`). */
export function errorEvent(key: string, message: string): string {
  return `${MARKER}{"key": "${key}", "value": ${JSON.stringify(message)}, "time_ms": 1.0, "namespace": "mlperf::logging", "event_type": "POINT_IN_TIME", "metadata": {"is_error": true, "is_warning": false, "file": "loadgen.cc", "line_no": 1, "pid": 1, "tid": 1}}`;
}

/** A copy of a tree whose text file at `path` is edited. */
export function withEditedFile(tree: Readonly<Record<string, MemoryNode>>, path: string, edit: (text: string) => string): Record<string, MemoryNode> {
  const content = tree[path];
  if (content === undefined) throw new Error(`the tree has no ${path}`);
  return { ...tree, [path]: edit(String(content)) };
}

/** The line number (1-based) of the first event of `key` in a log. */
export function lineOf(log: string, key: string): number {
  return log.split('\n').findIndex((line) => line.startsWith(MARKER) && line.includes(`"key": "${key}"`)) + 1;
}
