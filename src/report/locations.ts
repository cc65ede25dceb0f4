import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from './diagnostic.ts';

/** Where a report that can only place findings on files (SARIF, GitHub annotations) shows a finding. */
export interface FindingLocation {
  /** A file, relative to `base`; '' only for a finding about the root of a tree that holds no file at all. */
  readonly file: string;
  /** `root`: relative to the audited root. `cwd`: relative to the folder the tool ran in. */
  readonly base: 'root' | 'cwd';
  readonly line?: number;
  readonly column?: number;
  /** The folder, missing path or link the finding is about, when it is shown at the nearest file instead. */
  readonly subject?: string;
}

/**
 * Findings about the configuration file (config/unused-waiver, config/expired-waiver) name it as the command line
 * does, relative to the working folder: the file may well lie outside the audited tree.
 */
const CONFIGURATION_RULES_PREFIX = 'config/';

export function findingLocation(diagnostic: Diagnostic): FindingLocation {
  const position = { ...(diagnostic.line !== undefined && { line: diagnostic.line }), ...(diagnostic.column !== undefined && { column: diagnostic.column }) };
  if (diagnostic.ruleId.startsWith(CONFIGURATION_RULES_PREFIX)) return { file: diagnostic.file, base: 'cwd', ...position };
  // The line and column belong to the folder or missing file, not to the anchor.
  if (diagnostic.anchor !== undefined) return { file: diagnostic.anchor, base: 'root', subject: diagnostic.file };
  return { file: diagnostic.file, base: 'root', ...position };
}

/** The message, led by the path it is about when the finding is shown at another file. */
export function locatedMessage(diagnostic: Diagnostic, location: FindingLocation): string {
  return location.subject === undefined ? diagnostic.message : `${location.subject || '.'}: ${diagnostic.message}`;
}

/**
 * The audited root as given on the command line, as a posix path without `./` or a trailing slash; '' when it is the
 * working folder itself.
 */
export function normalisedRoot(root: string): string {
  const posix = path.posix.normalize(root.split(path.sep).join('/'));
  if (posix === '.' || posix === './') return '';
  return posix.length > 1 ? posix.replace(/\/+$/, '') : posix;
}

/** A location's file relative to the working folder (in CI, the repository checkout), or absolute if the root was. */
export function workingFolderPath(root: string, location: FindingLocation): string {
  return location.base === 'cwd' ? location.file : path.posix.join(normalisedRoot(root), location.file);
}

/** A posix path as a URI reference: a file: URI when absolute, otherwise each segment percent-encoded. */
export function uriReference(posixPath: string): string {
  if (path.posix.isAbsolute(posixPath)) return pathToFileURL(posixPath).href;
  return posixPath.split('/').map(encodeURIComponent).join('/');
}
