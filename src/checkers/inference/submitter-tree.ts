import type { TreeEntry } from '../../tree/entry.ts';
import type { SubmissionIndex } from '../../tree/submission-index.ts';

/**
 * The submitter folder itself and every entry below it, parents before children, as the monolith's os.walk sees
 * them: links to directories are listed but not entered. `prune` stops the walk below a directory whose finding
 * already covers everything inside it (a `.git` folder, a `__pycache__` folder).
 */
export function* submitterTree(index: SubmissionIndex, submitterPath: string, prune: (entry: TreeEntry) => boolean = () => false): Generator<TreeEntry> {
  const submitter = index.get(submitterPath);
  if (submitter === undefined) return;
  yield submitter;
  if (!prune(submitter)) yield* below(index, submitterPath, prune);
}

function* below(index: SubmissionIndex, dir: string, prune: (entry: TreeEntry) => boolean): Generator<TreeEntry> {
  for (const entry of index.children(dir)) {
    yield entry;
    if (entry.kind === 'directory' && !prune(entry)) yield* below(index, entry.path, prune);
  }
}
