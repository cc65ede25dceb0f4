import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRound } from '../../src/rounds/load-round.ts';
import { DiskFs } from '../../src/tree/disk-fs.ts';
import { MemoryFs } from '../../src/tree/memory-fs.ts';
import { SubmissionIndex } from '../../src/tree/submission-index.ts';
import { discoverUnits } from '../../src/tree/units.ts';

describe('DiskFs walk', () => {
  it('records files, folders and links without following links out of the tree', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'mlperf-audit-walk-'));
    mkdirSync(path.join(root, 'closed/Org/results'), { recursive: true });
    writeFileSync(path.join(root, 'closed/Org/a.txt'), 'hello');
    symlinkSync('a.txt', path.join(root, 'closed/Org/inside'));
    symlinkSync('/etc', path.join(root, 'closed/Org/outside'));
    symlinkSync('missing', path.join(root, 'closed/Org/broken'));
    const index = new SubmissionIndex(await new DiskFs(root).walk());
    expect(index.get('closed/Org/a.txt')).toMatchObject({ kind: 'file', size: 5 });
    expect(index.get('closed/Org/inside')?.link).toMatchObject({ resolution: 'inside', targetKind: 'file', targetPath: 'closed/Org/a.txt' });
    expect(index.get('closed/Org/outside')?.link?.resolution).toBe('outside');
    expect(index.get('closed/Org/broken')?.link?.resolution).toBe('broken');
    expect(index.isFile('closed/Org/inside')).toBe(true);
    expect(index.isDirectory('closed/Org/outside')).toBe(false);
    expect([...index.descendants('closed/Org')].map((entry) => entry.path)).toEqual([
      'closed/Org/a.txt',
      'closed/Org/broken',
      'closed/Org/inside',
      'closed/Org/outside',
      'closed/Org/results',
    ]);
  });
});

describe('units', () => {
  const tree = {
    'closed/Org/systems/sys.json': '{}',
    'closed/Org/results/sys/resnet50/Offline/README.md': 'r',
    'closed/Org/results/sys/resnet50/SingleStream/README.md': 'r',
    'open/Other/results/box/bert-99/offline/README.md': 'r',
    'Closed/Typo/results/x/y/z/README.md': 'r',
  };

  it('classifies the tree into division, submitter, system, benchmark and scenario units', async () => {
    const fs = new MemoryFs(tree);
    const units = discoverUnits(new SubmissionIndex(await fs.walk()), loadRound('v5.1'));
    expect(units.ofKind('scenario').map((unit) => unit.path)).toEqual([
      'closed/Org/results/sys/resnet50/Offline',
      'closed/Org/results/sys/resnet50/SingleStream',
      'open/Other/results/box/bert-99/offline',
    ]);
    expect(units.unknownTopLevel).toEqual(['Closed']);
    expect(units.ofKind('system')[0]).toMatchObject({ systemJsonPath: 'closed/Org/systems/sys.json' });
  });

  it('places measurements and compliance beside results up to v5.1 and inside the result from v6.0', async () => {
    const index = new SubmissionIndex(await new MemoryFs(tree).walk());
    const [separate] = discoverUnits(index, loadRound('v5.1')).ofKind('scenario');
    const [unified] = discoverUnits(index, loadRound('v6.0')).ofKind('scenario');
    expect(separate).toMatchObject({
      measurementsPath: 'closed/Org/measurements/sys/resnet50/Offline',
      compliancePath: 'closed/Org/compliance/sys/resnet50/Offline',
    });
    expect(unified).toMatchObject({ measurementsPath: unified?.path, compliancePath: unified?.path });
  });

  it('audits one submitter when asked', async () => {
    const index = new SubmissionIndex(await new MemoryFs(tree).walk());
    expect(discoverUnits(index, loadRound('v6.0'), { submitter: 'Other' }).ofKind('submitter').map((unit) => unit.path)).toEqual(['open/Other']);
  });
});
