/** What the CLI needs from the process; tests pass their own. */
export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  /** A terminal's width in characters. */
  readonly columns?: number;
}

export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

/** Colour only on a terminal, never when NO_COLOR is set (https://no-color.org), always when FORCE_COLOR asks. */
export function colorEnabled(stream: OutputStream, env: CliIo['env']): boolean {
  if (env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0') return true;
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  return stream.isTTY === true;
}
