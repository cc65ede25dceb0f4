import type { MemoryNode } from '../../src/tree/memory-fs.ts';

/** A copy of a tree with everything under (or equal to) one path moved to another, as `mv from to` would. */
export function moved(tree: Readonly<Record<string, MemoryNode>>, from: string, to: string): Record<string, MemoryNode> {
  return Object.fromEntries(
    Object.entries(tree).map(([file, content]) => [file === from || file.startsWith(`${from}/`) ? `${to}${file.slice(from.length)}` : file, content]),
  );
}

/** A copy of a tree whose JSON file at `path` has some top-level fields replaced. */
export function withJsonFields(tree: Readonly<Record<string, MemoryNode>>, path: string, fields: Readonly<Record<string, unknown>>): Record<string, MemoryNode> {
  const json = JSON.parse(String(tree[path])) as Record<string, unknown>;
  return { ...tree, [path]: JSON.stringify({ ...json, ...fields }, null, 2) };
}
