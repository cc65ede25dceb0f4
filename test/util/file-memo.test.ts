import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileMemo } from '../../src/util/file-memo.ts';

describe('FileMemo', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'file-memo-'));
  const model = path.join(folder, 'model.onnx');
  const reference = path.join(folder, 'reference.onnx');
  writeFileSync(model, 'a');
  writeFileSync(reference, 'b');

  it('computes once for the same files, again when one of them changes', async () => {
    const memo = new FileMemo<number>();
    let computed = 0;
    const compute = async () => ++computed;
    expect(await Promise.all([memo.get([model, reference], compute), memo.get([model, reference], compute)])).toEqual([1, 1]);
    expect(await memo.get([reference, model], compute)).toBe(2);
    utimesSync(model, new Date(), new Date(Date.now() + 60_000));
    expect(await memo.get([model, reference], compute)).toBe(3);
    expect(await memo.get([path.join(folder, 'missing.onnx')], compute)).toBe(4);
  });
});
