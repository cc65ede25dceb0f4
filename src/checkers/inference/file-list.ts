import type { FileList } from '../../rounds/types.ts';
import type { SubmissionIndex } from '../../tree/submission-index.ts';

export interface FileListDifference {
  /** Every file the folder may hold, required ones first. */
  readonly expected: readonly string[];
  /** Required files the folder does not hold. */
  readonly missing: readonly string[];
  /** Files the folder holds that are neither required nor optional. */
  readonly unexpected: readonly string[];
}

/**
 * The official `files_diff` of a folder against a round's file list: only the folder's files count, its
 * sub-folders (such as `accuracy/images/`) are not part of the list. `alsoRequired` adds files a result needs
 * on top of the list, such as `spl.txt` for a power run.
 */
export function compareFileList(index: SubmissionIndex, folder: string, list: FileList, alsoRequired: readonly string[] = []): FileListDifference {
  const present = new Set(index.fileNames(folder));
  const required = [...list.required, ...alsoRequired];
  const expected = [...required, ...(list.optional ?? [])];
  return {
    expected,
    missing: required.filter((name) => !present.has(name)),
    unexpected: [...present].filter((name) => !expected.includes(name)),
  };
}
