import { baseName, parentPath, type TreeEntry } from './entry.ts';

/**
 * Everything one walk found, answered from memory. Rules and parsers ask the index, never the disk.
 * A link that resolves inside the tree answers like its target (the official tools follow such links);
 * links that leave the tree or are broken answer as missing.
 */
export class SubmissionIndex {
  readonly #entries = new Map<string, TreeEntry>();
  readonly #children = new Map<string, TreeEntry[]>();
  /** All paths in code-unit order, for prefix range queries. */
  readonly #sortedPaths: string[];

  constructor(entries: readonly TreeEntry[]) {
    this.#children.set('', []);
    for (const entry of entries) {
      this.#entries.set(entry.path, entry);
      if (entry.kind === 'directory') this.#children.set(entry.path, this.#children.get(entry.path) ?? []);
    }
    for (const entry of entries) {
      const parent = parentPath(entry.path);
      const siblings = this.#children.get(parent) ?? [];
      siblings.push(entry);
      this.#children.set(parent, siblings);
    }
    for (const siblings of this.#children.values()) siblings.sort((a, b) => compareStrings(baseName(a.path), baseName(b.path)));
    this.#sortedPaths = [...this.#entries.keys()].sort(compareStrings);
  }

  get size(): number {
    return this.#entries.size;
  }

  get(path: string): TreeEntry | undefined {
    return this.#entries.get(path);
  }

  /** The entry a path stands for after following a link inside the tree. */
  resolve(path: string): TreeEntry | undefined {
    const entry = this.#entries.get(path);
    if (entry?.kind === 'symlink' && entry.link?.resolution === 'inside' && entry.link.targetPath !== undefined) {
      return this.#entries.get(entry.link.targetPath);
    }
    return entry;
  }

  isFile(path: string): boolean {
    return this.resolve(path)?.kind === 'file';
  }

  isDirectory(path: string): boolean {
    return path === '' || this.resolve(path)?.kind === 'directory';
  }

  exists(path: string): boolean {
    return this.isFile(path) || this.isDirectory(path);
  }

  /** Size of a file (following inside links); undefined when it is not a readable file. */
  fileSize(path: string): number | undefined {
    const entry = this.resolve(path);
    return entry?.kind === 'file' ? entry.size : undefined;
  }

  /** Direct children of a directory, sorted by name; empty for anything that is not a listed directory. */
  children(dir: string): readonly TreeEntry[] {
    return this.#children.get(dir) ?? [];
  }

  /** Names of the sub-directories of a directory (links to directories inside the tree included). */
  directoryNames(dir: string): string[] {
    return this.children(dir)
      .filter((entry) => this.isDirectory(entry.path))
      .map((entry) => baseName(entry.path));
  }

  /** Names of the files of a directory (links to files inside the tree included). */
  fileNames(dir: string): string[] {
    return this.children(dir)
      .filter((entry) => this.isFile(entry.path))
      .map((entry) => baseName(entry.path));
  }

  /** Every entry strictly below a directory, in path order. */
  *descendants(dir: string): Generator<TreeEntry> {
    const prefix = dir === '' ? '' : `${dir}/`;
    for (let index = lowerBound(this.#sortedPaths, prefix); index < this.#sortedPaths.length; index++) {
      const path = this.#sortedPaths[index] as string;
      if (!path.startsWith(prefix)) break;
      if (path !== dir) yield this.#entries.get(path) as TreeEntry;
    }
  }

  /** All entries in path order. */
  *all(): Generator<TreeEntry> {
    for (const path of this.#sortedPaths) yield this.#entries.get(path) as TreeEntry;
  }
}

/** Orders strings by UTF-16 code units, the order Python's sorted() gives the official tools' output. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function lowerBound(sorted: readonly string[], value: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as string) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
