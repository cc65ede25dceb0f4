import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isInsideFolder } from '../../src/tree/inside-folder.ts';

describe('isInsideFolder', () => {
  const base = mkdtempSync(path.join(tmpdir(), 'inside-folder-'));
  const tree = path.join(base, 'tree');
  mkdirSync(path.join(tree, 'closed'), { recursive: true });
  mkdirSync(path.join(base, 'tree-sibling'));
  symlinkSync(path.join(tree, 'closed'), path.join(base, 'link-into-tree'));

  it('sees a file in the folder or below it, even in folders not made yet', () => {
    expect(isInsideFolder(tree, path.join(tree, 'report.json'))).toBe(true);
    expect(isInsideFolder(tree, path.join(tree, 'closed', 'new', 'deeper', 'audit.sarif'))).toBe(true);
  });

  it('sees through a symbolic link into the folder', () => {
    expect(isInsideFolder(tree, path.join(base, 'link-into-tree', 'report.json'))).toBe(true);
  });

  it('leaves out siblings that share a prefix, and files elsewhere', () => {
    expect(isInsideFolder(tree, path.join(base, 'tree-sibling', 'report.json'))).toBe(false);
    expect(isInsideFolder(tree, path.join(base, 'report.json'))).toBe(false);
    expect(isInsideFolder(tree, path.join(base, 'missing', 'report.json'))).toBe(false);
  });
});
