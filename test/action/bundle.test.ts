import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACTION_DIRECTORY, buildActionFiles, REBUILD_COMMAND } from '../../scripts/build-action.js';
import { ASSET_FOLDERS } from '../../scripts/asset-folders.js';

const STALE = `dist/action/ is out of date with the sources: run \`${REBUILD_COMMAND}\` and commit dist/action/`;

/** Every file below a folder, by posix path relative to it, sorted. */
function filesBelow(directory: string, prefix = ''): string[] {
  return readdirSync(directory, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesBelow(path.join(directory, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`]))
    .sort();
}

describe('the committed GitHub Action bundle (dist/action/)', () => {
  let built: Map<string, string | Buffer>;
  beforeAll(async () => {
    built = await buildActionFiles();
  });

  it('index.js is byte for byte a fresh bundle of src/action/main.ts', () => {
    const fresh = built.get('index.js');
    // Compared as one boolean: a diff of two 1 MB bundles would bury the message that says what to do.
    expect(readFileSync(path.join(ACTION_DIRECTORY, 'index.js'), 'utf8') === fresh, STALE).toBe(true);
  });

  it('holds exactly the files a fresh build writes', () => {
    expect(filesBelow(ACTION_DIRECTORY), STALE).toEqual([...built.keys()].sort());
  });

  it('carries each data file the code reads at run time as it is in src/, and the package.json and licences of a fresh build', () => {
    for (const [file, content] of built) {
      if (file === 'index.js') continue;
      expect(readFileSync(path.join(ACTION_DIRECTORY, file)).equals(Buffer.from(content)), `${file}: ${STALE}`).toBe(true);
    }
    for (const folder of ASSET_FOLDERS) {
      for (const file of filesBelow(path.join('src', folder))) {
        const content = built.get(`${folder}/${file}`);
        expect(content !== undefined && readFileSync(path.join('src', folder, file)).equals(Buffer.from(content)), `src/${folder}/${file} is left out of the build`).toBe(true);
      }
    }
  });

  it('is an ES module carrying the package version', () => {
    const manifest = JSON.parse(readFileSync(path.join(ACTION_DIRECTORY, 'package.json'), 'utf8')) as { type: string; version: string };
    const own = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(manifest).toMatchObject({ type: 'module', version: own.version });
  });

  it('locates data files only through src/assets.ts: in the bundle every module shares one import.meta.url', () => {
    const bundle = readFileSync(path.join(ACTION_DIRECTORY, 'index.js'), 'utf8');
    expect(bundle.match(/import\.meta\.url/g)).toHaveLength(1);
    expect(bundle).toMatch(/\/\/ src\/assets\.ts\nvar ASSET_ROOT = new URL\("\.\/", import\.meta\.url\);/);
  });

  it('leaves the native packages out: they are only ever imported dynamically, by the harness', () => {
    const bundle = readFileSync(path.join(ACTION_DIRECTORY, 'index.js'), 'utf8');
    expect(bundle).not.toMatch(/^import .* from "(onnxruntime-node|sharp)";$/m);
    expect(bundle).toContain('import("onnxruntime-node")');
  });
});
