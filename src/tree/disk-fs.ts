import { createReadStream, type Dirent } from 'node:fs';
import { lstat, open, readdir, readFile, readlink, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { mapLimit } from '../util/concurrency.ts';
import type { LinkInfo, TreeEntry } from './entry.ts';
import type { SubmissionFs } from './submission-fs.ts';

const STAT_CONCURRENCY = 64;
/** Large reads: LoadGen logs are read whole, line by line. */
const READ_CHUNK_BYTES = 256 * 1024;

/** A submission directory on disk. */
export class DiskFs implements SubmissionFs {
  readonly displayRoot: string;
  readonly #root: string;
  #realRoot: string | undefined;

  /** `displayRoot` is how reports name the root: the path as the user typed it. */
  constructor(root: string, displayRoot = root) {
    this.#root = path.resolve(root);
    this.displayRoot = displayRoot;
  }

  async walk(onEntries?: (count: number) => void): Promise<TreeEntry[]> {
    this.#realRoot = await realpath(this.#root);
    const entries: TreeEntry[] = [];
    const unlistable = new Map<string, string>();
    let pending: TreeEntry[] = [{ path: '', kind: 'directory', size: 0 }];
    let count = 0;
    const listDirectory = async (directory: TreeEntry): Promise<TreeEntry[]> => {
      const children = await this.#listDirectory(directory.path, unlistable);
      count += children.length;
      onEntries?.(count);
      return children;
    };
    while (pending.length > 0) {
      const listed = await mapLimit(pending, STAT_CONCURRENCY, listDirectory);
      pending = [];
      for (const children of listed) {
        entries.push(...children);
        pending.push(...children.filter((entry) => entry.kind === 'directory'));
      }
    }
    // A folder that cannot be listed is recorded with the reason, for the rules to report.
    return unlistable.size === 0 ? entries : entries.map((entry) => (unlistable.has(entry.path) ? { ...entry, error: unlistable.get(entry.path) as string } : entry));
  }

  /** The children of a directory; records the reason when the directory cannot be listed. */
  async #listDirectory(dir: string, unlistable: Map<string, string>): Promise<TreeEntry[]> {
    let dirents: Dirent[];
    try {
      dirents = await readdir(this.#absolute(dir), { withFileTypes: true });
    } catch (cause) {
      unlistable.set(dir, errorCode(cause));
      return [];
    }
    return mapLimit(dirents, STAT_CONCURRENCY, (dirent) => {
      const path = dir === '' ? dirent.name : `${dir}/${dirent.name}`;
      // Directories need no stat: their kind is known and their size does not matter.
      if (dirent.isDirectory()) return Promise.resolve<TreeEntry>({ path, kind: 'directory', size: 0 });
      return this.#inspect(path);
    });
  }

  async #inspect(relative: string): Promise<TreeEntry> {
    try {
      const info = await lstat(this.#absolute(relative));
      if (info.isSymbolicLink()) return await this.#inspectLink(relative);
      if (info.isFile()) return { path: relative, kind: 'file', size: info.size };
      if (info.isDirectory()) return { path: relative, kind: 'directory', size: 0 };
      return { path: relative, kind: 'other', size: 0 };
    } catch (cause) {
      return { path: relative, kind: 'other', size: 0, error: errorCode(cause) };
    }
  }

  async #inspectLink(relative: string): Promise<TreeEntry> {
    const absolute = this.#absolute(relative);
    const target = await readlink(absolute);
    let link: LinkInfo;
    let size = 0;
    try {
      const resolved = await realpath(absolute);
      const realRoot = this.#realRoot ?? this.#root;
      if (resolved !== realRoot && !resolved.startsWith(realRoot + path.sep)) {
        link = { target, resolution: 'outside' };
      } else {
        const info = await stat(resolved);
        const targetPath = path.relative(realRoot, resolved).split(path.sep).join('/');
        link = { target, resolution: 'inside', targetKind: info.isDirectory() ? 'directory' : 'file', targetPath };
        if (info.isFile()) size = info.size;
      }
    } catch {
      link = { target, resolution: 'broken' };
    }
    return { path: relative, kind: 'symlink', size, link };
  }

  readFile(relative: string): Promise<Buffer> {
    return readFile(this.#absolute(relative));
  }

  async readHead(relative: string, bytes: number): Promise<Buffer> {
    const handle = await open(this.#absolute(relative), 'r');
    try {
      const buffer = Buffer.alloc(bytes);
      const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }

  createReadStream(relative: string): Readable {
    return createReadStream(this.#absolute(relative), { highWaterMark: READ_CHUNK_BYTES });
  }

  #absolute(relative: string): string {
    return relative === '' ? this.#root : path.join(this.#root, ...relative.split('/'));
  }
}

function errorCode(cause: unknown): string {
  return (cause as NodeJS.ErrnoException | undefined)?.code ?? String(cause);
}
