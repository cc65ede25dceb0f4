/** What one walk of the tree records about a path. Paths are posix and relative to the submission root. */
export type EntryKind = 'file' | 'directory' | 'symlink' | 'other';

/** Where a symbolic link leads; links are recorded, and only followed when they stay inside the tree. */
export interface LinkInfo {
  readonly target: string;
  readonly resolution: 'inside' | 'outside' | 'broken';
  /** Kind of the link's final target when it resolves inside the tree. */
  readonly targetKind?: 'file' | 'directory';
  /** The target's path relative to the root, when it resolves inside the tree. */
  readonly targetPath?: string;
}

export interface TreeEntry {
  readonly path: string;
  readonly kind: EntryKind;
  /** Size in bytes for files (and for links to files inside the tree); 0 otherwise. */
  readonly size: number;
  readonly link?: LinkInfo;
  /** Set when the entry exists but could not be listed or inspected (permissions, I/O error). */
  readonly error?: string;
}

export function baseName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? path : path.slice(slash + 1);
}

export function parentPath(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

export function joinPath(...parts: string[]): string {
  return parts.filter((part) => part !== '').join('/');
}
