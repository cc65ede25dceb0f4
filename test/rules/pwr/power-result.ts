import type { MemoryNode } from '../../../src/tree/memory-fs.ts';
import { realResult, type RealResult } from '../../support/shared-data.ts';

/** Real v4.1 power results (the only round of the shared data that has any). */
export const ROUND = 'v4.1';
export const offline = realResult(ROUND, 'closed/UntetherAI/results/h13_u3_slim/resnet50/offline');
/** Its PTD log has the uncommon ranging error the official checker warns about. */
export const offlineWithPtdWarning = realResult(ROUND, 'closed/UntetherAI/results/r760_u6_slim/resnet50/offline');
export const singleStream = realResult(ROUND, 'closed/UntetherAI/results/h13_u3_slim/resnet50/singlestream');

export type Tree = Record<string, MemoryNode>;
export type Json = Record<string, unknown>;

/** `<result>/performance/<name>` */
export const performanceFile = (result: RealResult, name: string): string => `${result.path}/performance/${name}`;

/** A copy of the result's tree with one text file rewritten. */
export function editText(source: RealResult | Tree, path: string, edit: (text: string) => string): Tree {
  const tree = isRealResult(source) ? source.tree : source;
  return { ...tree, [path]: edit(String(tree[path])) };
}

function isRealResult(source: RealResult | Tree): source is RealResult {
  return typeof (source as Partial<RealResult>).path === 'string' && typeof (source as Partial<RealResult>).submitter === 'string';
}

/** A copy of the result's tree with one JSON file changed in place by `edit`. */
export function editJson(source: RealResult | Tree, path: string, edit: (json: Json) => void): Tree {
  return editText(source, path, (text) => {
    const json = JSON.parse(text) as Json;
    edit(json);
    return JSON.stringify(json, null, 2);
  });
}

/** The lines of an MLLOG text without the events of one key. */
export function withoutKey(text: string, key: string): string {
  return text
    .split('\n')
    .filter((line) => !line.includes(`"key": "${key}"`))
    .join('\n');
}

/** An MLLOG text whose first event of `key` has another string value. */
export function withValue(text: string, key: string, value: string): string {
  return text.replace(new RegExp(`("key": "${key}", "value": )"[^"]*"`), `$1"${value}"`);
}
