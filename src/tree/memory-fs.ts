import { Readable } from 'node:stream';
import { parentPath, type TreeEntry } from './entry.ts';
import type { SubmissionFs } from './submission-fs.ts';

/** A file's content, an empty directory, or a symbolic link (its target relative to the link's directory). */
export type MemoryNode = string | Uint8Array | { readonly directory: true } | { readonly symlink: string };

/** An in-memory submission, for tests: `{ 'closed/Org/systems/sys.json': '{...}' }`. Parent directories are implied. */
export class MemoryFs implements SubmissionFs {
  readonly displayRoot = '<memory>';
  readonly #nodes = new Map<string, string | Uint8Array | { readonly symlink: string }>();
  readonly #directories = new Set<string>();

  constructor(tree: Readonly<Record<string, MemoryNode>>) {
    for (const [path, node] of Object.entries(tree)) {
      const normalized = path.replace(/^\/+|\/+$/g, '');
      if (typeof node === 'object' && 'directory' in node) this.#addDirectory(normalized);
      else {
        this.#nodes.set(normalized, node);
        this.#addDirectory(parentPath(normalized));
      }
    }
  }

  #addDirectory(path: string): void {
    for (let dir = path; dir !== '' && !this.#directories.has(dir); dir = parentPath(dir)) this.#directories.add(dir);
  }

  async walk(): Promise<TreeEntry[]> {
    const entries: TreeEntry[] = [...this.#directories].map((path) => ({ path, kind: 'directory', size: 0 }));
    for (const [path, node] of this.#nodes) {
      if (typeof node === 'object' && 'symlink' in node) entries.push(this.#linkEntry(path, node.symlink));
      else entries.push({ path, kind: 'file', size: contentOf(node).length });
    }
    return entries;
  }

  #linkEntry(path: string, target: string): TreeEntry {
    const resolved = resolveRelative(parentPath(path), target);
    if (resolved === undefined) return { path, kind: 'symlink', size: 0, link: { target, resolution: 'outside' } };
    const node = this.#nodes.get(resolved);
    if (this.#directories.has(resolved)) {
      return { path, kind: 'symlink', size: 0, link: { target, resolution: 'inside', targetKind: 'directory', targetPath: resolved } };
    }
    if (node === undefined || (typeof node === 'object' && 'symlink' in node)) {
      return { path, kind: 'symlink', size: 0, link: { target, resolution: 'broken' } };
    }
    const size = contentOf(node).length;
    return { path, kind: 'symlink', size, link: { target, resolution: 'inside', targetKind: 'file', targetPath: resolved } };
  }

  async readFile(path: string): Promise<Buffer> {
    return Buffer.from(this.#content(path));
  }

  async readHead(path: string, bytes: number): Promise<Buffer> {
    return Buffer.from(this.#content(path).subarray(0, bytes));
  }

  createReadStream(path: string): Readable {
    try {
      const content = this.#content(path);
      // Small chunks so that line-splitting code meets chunk boundaries in tests too.
      const chunks: Buffer[] = [];
      for (let offset = 0; offset < content.length; offset += 1024) chunks.push(Buffer.from(content.subarray(offset, offset + 1024)));
      return Readable.from(chunks);
    } catch (cause) {
      return new Readable({ read() { this.destroy(cause as Error); } });
    }
  }

  #content(path: string): Uint8Array {
    const node = this.#nodes.get(path);
    if (node === undefined || (typeof node === 'object' && 'symlink' in node)) {
      if (node !== undefined) {
        const target = resolveRelative(parentPath(path), node.symlink);
        if (target !== undefined) return this.#content(target);
      }
      throw Object.assign(new Error(`ENOENT: no such file, open '${path}'`), { code: 'ENOENT' });
    }
    return contentOf(node);
  }
}

function contentOf(node: string | Uint8Array): Uint8Array {
  return typeof node === 'string' ? Buffer.from(node, 'utf8') : node;
}

/** Resolves a link target against a directory; undefined when it leaves the tree. */
function resolveRelative(directory: string, target: string): string | undefined {
  if (target.startsWith('/')) return undefined;
  const parts = directory === '' ? [] : directory.split('/');
  for (const part of target.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

