import { parentPath, type TreeEntry } from './entry.ts';
import type { SubmissionIndex } from './submission-index.ts';

/**
 * The regular file a finding about `path` can be shown at, for tools that only place findings on files (SARIF for
 * code scanning, GitHub annotations): the file itself; for a link inside the tree, the file it leads to (code
 * scanning cannot show a finding on a link); for a folder, its first file (its own files before those of its
 * sub-folders, in name order); for a missing path, an empty folder or a broken link, the same search from the
 * nearest folder above. Undefined only when the tree holds no file at all.
 */
export function nearestFile(index: SubmissionIndex, path: string): string | undefined {
  const target = index.resolve(path);
  if (target?.kind === 'file') return target.path;
  for (let dir = target?.kind === 'directory' ? target.path : parentPath(path); ; dir = parentPath(dir)) {
    const file = firstFileIn(index, dir);
    if (file !== undefined) return file;
    if (dir === '') return undefined;
  }
}

function firstFileIn(index: SubmissionIndex, dir: string): string | undefined {
  const isRegularFile = (entry: TreeEntry): boolean => entry.kind === 'file';
  const own = index.children(dir).find(isRegularFile);
  if (own !== undefined) return own.path;
  for (const entry of index.descendants(dir)) if (isRegularFile(entry)) return entry.path;
  return undefined;
}
