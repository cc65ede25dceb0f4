import { describe, expect, it } from 'vitest';
import { auditSubmission, type AuditProgress } from '../../src/checkers/inference/audit-submission.ts';
import { showAuditProgress, terminalProgress } from '../../src/cli/progress.ts';
import { DiskFs } from '../../src/tree/disk-fs.ts';
import { runMain } from '../support/cli.ts';

/** A terminal of `columns` columns that records what is written, and a clock the test moves. */
function fakeTerminal(columns = 80) {
  const writes: string[] = [];
  let time = 0;
  const progress = terminalProgress({ isTTY: true, columns, write: (text: string) => writes.push(text) }, { now: () => time, intervalMs: 100 });
  if (progress === undefined) throw new Error('a terminal gets a progress line');
  return { progress, writes, at: (ms: number) => (time = ms) };
}

describe('the progress line', () => {
  it('is silent when the stream is not a terminal', () => {
    expect(terminalProgress({ write: () => undefined })).toBeUndefined();
    expect(terminalProgress({ isTTY: false, write: () => undefined })).toBeUndefined();
  });

  it('redraws in place at most once per interval, and erases what a shorter line leaves', () => {
    const { progress, writes, at } = fakeTerminal();
    progress.status('indexing 1,000 files…');
    at(50);
    progress.status('indexing 2,000 files…');
    at(120);
    progress.status('indexing 9 files…');
    expect(writes).toEqual(['\rindexing 1,000 files…', `\rindexing 9 files…${' '.repeat(4)}`]);
  });

  it('always draws the first and the last state of a bar', () => {
    const { progress, writes, at } = fakeTerminal();
    progress.bar(0, 312, 'results');
    at(10);
    progress.bar(120, 312, 'results');
    at(20);
    progress.bar(312, 312, 'results');
    expect(writes).toEqual([`\r[${'.'.repeat(30)}] 0/312 results`, `\r[${'#'.repeat(30)}] 312/312 results`]);
  });

  it('fits the terminal, so that the line never wraps', () => {
    const { progress, writes } = fakeTerminal(20);
    progress.bar(5, 10, 'results');
    expect(writes).toEqual([`\r[${'#'.repeat(15)}...`]);
  });

  it('clears the line at the end, once', () => {
    const { progress, writes } = fakeTerminal();
    progress.status('indexing 12 files…');
    progress.clear();
    progress.clear();
    expect(writes.slice(1)).toEqual([`\r${' '.repeat('indexing 12 files…'.length)}\r`]);
  });

  it('shows the audit as paths indexed, then results audited', () => {
    const { progress, writes, at } = fakeTerminal();
    showAuditProgress(progress, { phase: 'indexing', entries: 12345 });
    at(500);
    showAuditProgress(progress, { phase: 'auditing', results: 120, total: 312 });
    expect(writes).toEqual(['\rindexing 12,345 files…', `\r[${'#'.repeat(12)}${'.'.repeat(18)}] 120/312 results`]);
  });
});

describe('the progress of an audit', () => {
  it('counts the paths of the walk, then every result audited', async () => {
    const events: AuditProgress[] = [];
    const result = await auditSubmission({ fs: new DiskFs('fixtures/demo-submission'), round: 'v6.0', profile: 'recommended', onProgress: (event) => events.push(event) });
    const indexing = events.flatMap((event) => (event.phase === 'indexing' ? [event.entries] : []));
    const auditing = events.flatMap((event) => (event.phase === 'auditing' ? [`${event.results}/${event.total}`] : []));
    expect(events[0]?.phase).toBe('indexing');
    expect(indexing).toEqual([...indexing].sort((a, b) => a - b));
    expect(indexing.at(-1)).toBe(result.stats.entries);
    expect(auditing).toEqual(['0/2', '1/2', '2/2']);
  });

  it('is drawn on a terminal standard error and cleared before the report; never on a pipe', async () => {
    const args = ['check', 'fixtures/demo-submission', '--round', 'v6.0', '--format', 'json'];
    const terminal = await runMain(args, { stderrTerminal: { columns: 100 } });
    expect(terminal.stderr).toMatch(/^\rindexing \d+ files…/);
    expect(terminal.stderr).toContain(`\r[${'#'.repeat(30)}] 2/2 results`);
    expect(terminal.stderr).toMatch(/\r {20,}\r$/);
    expect(JSON.parse(terminal.stdout)).toMatchObject({ summary: { accepted: 1, rejected: 1 } });
    const pipe = await runMain(args);
    expect(pipe.stderr).toBe('');
    const withoutDuration = (report: string) => report.replace(/"durationMs": \d+/, '');
    expect(withoutDuration(pipe.stdout)).toBe(withoutDuration(terminal.stdout));
  });
});
