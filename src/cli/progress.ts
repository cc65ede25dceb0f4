import type { AuditProgress } from '../checkers/inference/audit-submission.ts';
import type { OutputStream } from './io.ts';

/** One line of progress redrawn in place on a terminal; the report that follows starts on a clean line. */
export interface ProgressLine {
  /** A status such as `indexing 12,345 files…`. */
  status(text: string): void;
  /** A bar such as `[#####.........................] 120/312 results`; its first and last states are always drawn. */
  bar(done: number, total: number, unit: string): void;
  /** Erases the line. */
  clear(): void;
}

export interface ProgressOptions {
  /** Milliseconds, for tests. */
  readonly now?: () => number;
  /** At most one redraw per interval: a redraw per file would cost more than the audit of it. */
  readonly intervalMs?: number;
}

const BAR_WIDTH = 30;
const DEFAULT_INTERVAL_MS = 100;
const DEFAULT_COLUMNS = 80;

/**
 * A progress line on `stream` when it is a terminal, undefined otherwise: a log file or a pipe gets no progress, and
 * only the terminal decides (CI and NO_COLOR do not: the line has no colour).
 */
export function terminalProgress(stream: OutputStream, options: ProgressOptions = {}): ProgressLine | undefined {
  if (stream.isTTY !== true) return undefined;
  const now = options.now ?? (() => performance.now());
  const interval = options.intervalMs ?? DEFAULT_INTERVAL_MS;
  let drawnAt: number | undefined;
  let drawnLength = 0;

  const draw = (text: string, force: boolean): void => {
    const time = now();
    if (!force && drawnAt !== undefined && time - drawnAt < interval) return;
    // A line as wide as the terminal wraps, and \r then returns to the wrong line.
    const line = text.slice(0, Math.max(1, (stream.columns ?? DEFAULT_COLUMNS) - 1));
    stream.write(`\r${line}${' '.repeat(Math.max(0, drawnLength - line.length))}`);
    drawnAt = time;
    drawnLength = line.length;
  };
  return {
    status: (text) => draw(text, false),
    bar: (done, total, unit) => {
      const filled = total === 0 ? BAR_WIDTH : Math.min(BAR_WIDTH, Math.round((done / total) * BAR_WIDTH));
      draw(`[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${formatCount(done)}/${formatCount(total)} ${unit}`, done === 0 || done >= total);
    },
    clear: () => {
      if (drawnLength > 0) stream.write(`\r${' '.repeat(drawnLength)}\r`);
      drawnLength = 0;
    },
  };
}

/** The audit's progress: paths listed while the tree is walked, then results audited. */
export function showAuditProgress(progress: ProgressLine, event: AuditProgress): void {
  if (event.phase === 'indexing') progress.status(`indexing ${formatCount(event.entries)} files…`);
  else progress.bar(event.results, event.total, 'results');
}

function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}
