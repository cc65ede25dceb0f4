import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MemoryNode } from '../../src/tree/memory-fs.ts';

/** The read-only shared data set (real published submissions and the official verdicts), beside the clone. */
export const SHARED = fileURLToPath(new URL('../../../shared/', import.meta.url));
export const sharedInference = (round: string): string => path.join(SHARED, 'data', 'inference', round);

export interface RealResult {
  /** The submission tree holding the one result: its files, system description, measurements, compliance and code folders. */
  readonly tree: Record<string, MemoryNode>;
  readonly division: string;
  readonly submitter: string;
  readonly system: string;
  readonly benchmark: string;
  readonly scenario: string;
  /** `<division>/<submitter>/results/<system>/<benchmark>/<scenario>` */
  readonly path: string;
}

/**
 * Copies one real published result out of the shared data into memory, with what the checkers read around it,
 * so that a test can break exactly one thing. `resultPath` is relative to the round folder.
 */
export function realResult(round: string, resultPath: string): RealResult {
  const base = sharedInference(round);
  const [division = '', submitter = '', , system = '', benchmark = '', scenario = ''] = resultPath.split('/');
  const submitterPath = `${division}/${submitter}`;
  const tree: Record<string, MemoryNode> = {};
  const copy = (relative: string): void => {
    const absolute = path.join(base, relative);
    let info;
    try {
      info = statSync(absolute);
    } catch {
      return;
    }
    if (info.isDirectory()) for (const name of readdirSync(absolute)) copy(`${relative}/${name}`);
    else tree[relative] = readFileSync(absolute);
  };
  copy(resultPath);
  copy(`${submitterPath}/systems/${system}.json`);
  copy(`${submitterPath}/measurements/${system}/${benchmark}/${scenario}`);
  copy(`${submitterPath}/compliance/${system}/${benchmark}/${scenario}`);
  for (const document of ['calibration.md', 'documentation/calibration.md', 'model_mapping.json']) copy(`${submitterPath}/${document}`);
  for (const code of ['code', 'src']) {
    try {
      if (statSync(path.join(base, submitterPath, code)).isDirectory()) tree[`${submitterPath}/${code}/${benchmark}/README.md`] = 'code placeholder\n';
    } catch {}
  }
  return { tree, division, submitter, system, benchmark, scenario, path: resultPath };
}

/** A copy of a tree with some files replaced (a string or buffer) or removed (undefined). */
export function withChanges(tree: Readonly<Record<string, MemoryNode>>, changes: Readonly<Record<string, MemoryNode | undefined>>): Record<string, MemoryNode> {
  const next: Record<string, MemoryNode> = { ...tree };
  for (const [file, content] of Object.entries(changes)) {
    if (content === undefined) delete next[file];
    else next[file] = content;
  }
  return next;
}

/** A copy of a tree without every path under (or equal to) a prefix. */
export function without(tree: Readonly<Record<string, MemoryNode>>, prefix: string): Record<string, MemoryNode> {
  return Object.fromEntries(Object.entries(tree).filter(([file]) => file !== prefix && !file.startsWith(`${prefix}/`)));
}
