import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Whether writing `file` would write inside `folder`, through symbolic links too: both are compared as real paths (the
 * file's nearest existing folder, since a report's folder may be created on write). The audit never writes inside the
 * tree it audits, not even its own report.
 */
export function isInsideFolder(folder: string, file: string): boolean {
  let existing = path.dirname(path.resolve(file));
  let rest = path.basename(file);
  for (;;) {
    try {
      existing = realpathSync(existing);
      break;
    } catch {
      const parent = path.dirname(existing);
      if (parent === existing) return false;
      rest = path.join(path.basename(existing), rest);
      existing = parent;
    }
  }
  const relative = path.relative(realpathSync(folder), path.join(existing, rest));
  return !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** Why a path cannot be audited as a submission root: it does not exist, is a file, or cannot be read (its error code). */
export function submissionRootProblem(absolute: string): 'missing' | 'file' | { readonly code: string } | undefined {
  try {
    return statSync(absolute).isDirectory() ? undefined : 'file';
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? String(cause);
    return code === 'ENOENT' ? 'missing' : { code };
  }
}
