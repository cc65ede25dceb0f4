import { createReadStream, type Dirent } from 'node:fs';
import { lstat, open, readdir, readFile, readlink, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { mapLimit } from '../util/concurrency.ts';
import type { LinkInfo, TreeEntry } from './entry.ts';
import type { SubmissionFs } from './submission-fs.ts';

const STAT_CONCURRENCY = 64;

/** A submission directory on disk. */
export class DiskFs implements SubmissionFs {
  readonly displayRoot: string;
  readonly #root: string;
  #realRoot: string | undefined;

  constructor(root: string) {
    this.#root = path.resolve(root);
    this.displayRoot = root;
  }

  async walk(): Promise<TreeEntry[]> {
    this.#realRoot = await realpath(this.#root);
    const entries: TreeEntry[] = [];
    let pending: string[] = [''];
    while (pending.length > 0) {
      const listed = await mapLimit(pending, STAT_CONCURRENCY, (dir) => this.#listDirectory(dir));
      pending = [];
      for (const { children, subdirectories } of listed) {
        entries.push(...children);
        pending.push(...subdirectories);
      }
    }
    return entries;
  }

  async #listDirectory(dir: string): Promise<{ children: TreeEntry[]; subdirectories: string[] }> {
    let dirents: Dirent[];
    try {
      dirents = await readdir(this.#absolute(dir), { withFileTypes: true });
    } catch {
      // The directory itself was recorded by its parent; an unlistable one is marked there.
      return { children: [], subdirectories: [] };
    }
    const children = await mapLimit(dirents, STAT_CONCURRENCY, (dirent) =>
      this.#inspect(dir === '' ? dirent.name : `${dir}/${dirent.name}`),
    );
    const subdirectories = children.filter((entry) => entry.kind === 'directory' && !entry.error).map((entry) => entry.path);
    return { children, subdirectories };
  }

  async #inspect(relative: string): Promise<TreeEntry> {
    const absolute = this.#absolute(relative);
    try {
      const info = await lstat(absolute);
      if (info.isSymbolicLink()) return await this.#inspectLink(relative, info.mtimeMs);
      if (info.isDirectory()) {
        const error = await readdir(absolute).then(
          () => undefined,
          (cause: NodeJS.ErrnoException) => cause.code ?? 'unreadable',
        );
        return { path: relative, kind: 'directory', size: 0, mtimeMs: info.mtimeMs, ...(error && { error }) };
      }
      if (info.isFile()) return { path: relative, kind: 'file', size: info.size, mtimeMs: info.mtimeMs };
      return { path: relative, kind: 'other', size: 0, mtimeMs: info.mtimeMs };
    } catch (cause) {
      return { path: relative, kind: 'other', size: 0, mtimeMs: 0, error: errorCode(cause) };
    }
  }

  async #inspectLink(relative: string, mtimeMs: number): Promise<TreeEntry> {
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
    return { path: relative, kind: 'symlink', size, mtimeMs, link };
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
    return createReadStream(this.#absolute(relative));
  }

  #absolute(relative: string): string {
    return relative === '' ? this.#root : path.join(this.#root, ...relative.split('/'));
  }
}

function errorCode(cause: unknown): string {
  return (cause as NodeJS.ErrnoException | undefined)?.code ?? String(cause);
}
