import type { Readable } from 'node:stream';
import type { TreeEntry } from './entry.ts';

/**
 * Read-only access to a submission. The audit walks it once and reads files through it;
 * no implementation offers a way to write.
 */
export interface SubmissionFs {
  /** How the tree is shown to users (a directory path, "memory", ...). */
  readonly displayRoot: string;
  /**
   * Every path below the root, links not followed. The root itself is not listed. `onEntries` hears how many paths
   * are listed so far, for a progress display.
   */
  walk(onEntries?: (count: number) => void): Promise<TreeEntry[]>;
  readFile(path: string): Promise<Buffer>;
  /** The first `bytes` bytes of a file (fewer when the file is shorter). */
  readHead(path: string, bytes: number): Promise<Buffer>;
  createReadStream(path: string): Readable;
}
