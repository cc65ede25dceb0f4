import { spawnSync } from 'node:child_process';
import { cpSync, lstatSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.ts';

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI (bin/mlperf-audit.js) the way a user does. */
export function runCli(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): CliRun {
  const result = spawnSync(process.execPath, [path.resolve('bin/mlperf-audit.js'), ...args], {
    cwd: options.cwd ?? process.cwd(),
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...options.env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A writable copy of a fixture in a fresh temporary folder. */
export function copyFixture(name: string): string {
  const target = path.join(mkdtempSync(path.join(tmpdir(), 'mlperf-audit-')), name);
  cpSync(path.resolve('fixtures', name), target, { recursive: true });
  return target;
}

/** Every path below a folder with its kind, size and modification time: to prove the audit wrote nothing. */
export function snapshotTree(root: string): string[] {
  const lines: string[] = [];
  const visit = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const absolute = path.join(dir, name);
      const info = lstatSync(absolute);
      lines.push(`${path.relative(root, absolute)} ${info.isDirectory() ? 'd' : info.isSymbolicLink() ? 'l' : 'f'} ${info.size} ${info.mtimeMs}`);
      if (info.isDirectory()) visit(absolute);
    }
  };
  visit(root);
  return lines;
}

/** What a Node.js stack trace looks like; none may reach the user. */
export const STACK_TRACE = /\n\s+at .+\(.+:\d+:\d+\)|^\s+at /m;

export interface MainRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the CLI in-process from the sources (src/cli/main.ts), its output captured; `stderrTerminal` makes standard
 * error a terminal of that many columns.
 */
export async function runMain(args: readonly string[], options: { cwd?: string; stderrTerminal?: { columns: number } } = {}): Promise<MainRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), ...(options.stderrTerminal && { isTTY: true, columns: options.stderrTerminal.columns }) },
    env: { NO_COLOR: '1' },
    cwd: options.cwd ?? process.cwd(),
  });
  return { code, stdout, stderr };
}
