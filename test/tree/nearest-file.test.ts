import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/tree/memory-fs.ts';
import { nearestFile } from '../../src/tree/nearest-file.ts';
import { SubmissionIndex } from '../../src/tree/submission-index.ts';

const index = new SubmissionIndex(
  await new MemoryFs({
    'closed/Org/systems/sys.json': '{}',
    'closed/Org/results/sys/resnet50/Offline/performance/run_1/mlperf_log_summary.txt': 'x',
    'closed/Org/results/sys/resnet50/Offline/README.md': 'x',
    'closed/Org/results/sys/resnet50/Offline/accuracy/zz.txt': 'x',
    'closed/Org/results/sys/resnet50/Server/linked.txt': { symlink: '../Offline/README.md' },
    'closed/Org/results/sys/resnet50/Server/broken.txt': { symlink: 'nowhere.txt' },
    'closed/Org/empty': { directory: true },
  }).walk(),
);

describe('nearestFile', () => {
  it.each([
    ['a file is its own place', 'closed/Org/systems/sys.json', 'closed/Org/systems/sys.json'],
    ["a folder's own files come before those of its sub-folders", 'closed/Org/results/sys/resnet50/Offline', 'closed/Org/results/sys/resnet50/Offline/README.md'],
    ['a folder without files of its own gives its first file below', 'closed/Org/results', 'closed/Org/results/sys/resnet50/Offline/README.md'],
    ['a missing file gives the nearest folder above that has a file', 'closed/Org/results/sys/resnet50/Offline/performance/run_1/mlperf_log_detail.txt', 'closed/Org/results/sys/resnet50/Offline/performance/run_1/mlperf_log_summary.txt'],
    ['a missing folder is looked for from its nearest existing parent', 'closed/Org/code/resnet50/README.md', 'closed/Org/results/sys/resnet50/Offline/README.md'],
    ['an empty folder is looked for from its parent', 'closed/Org/empty', 'closed/Org/results/sys/resnet50/Offline/README.md'],
    ['a link inside the tree gives the file it leads to', 'closed/Org/results/sys/resnet50/Server/linked.txt', 'closed/Org/results/sys/resnet50/Offline/README.md'],
    ['a broken link is looked for from its folder, skipping links', 'closed/Org/results/sys/resnet50/Server/broken.txt', 'closed/Org/results/sys/resnet50/Offline/README.md'],
    ['the root gives the first file of the tree', '', 'closed/Org/results/sys/resnet50/Offline/README.md'],
  ])('%s', (_, path, expected) => {
    expect(nearestFile(index, path)).toBe(expected);
  });

  it('finds nothing in a tree without files', async () => {
    const empty = new SubmissionIndex(await new MemoryFs({ 'closed/Org': { directory: true } }).walk());
    expect(nearestFile(empty, 'closed/Org/missing.txt')).toBeUndefined();
  });
});
