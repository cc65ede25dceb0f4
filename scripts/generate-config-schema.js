// Writes docs/mlperf-audit.config.schema.json, the JSON Schema of mlperf-audit.config.yaml, from the rules and rounds
// of src/ (src/config/schema.ts). `npm run generate` runs it after regenerating the rule registry; a test fails while the
// committed file is out of date.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const REPOSITORY = fileURLToPath(new URL('..', import.meta.url));
const GENERATOR = 'src/config/schema.ts';

/**
 * Node 20 cannot import TypeScript, so the generator and what it imports are bundled into one module first. A module
 * that reads its data files relative to its own import.meta.url keeps doing so: each file's import.meta.url is written
 * into it as the URL of its source file.
 */
async function importGenerator() {
  const keepOwnUrl = {
    name: 'keep-own-import-meta-url',
    setup(plugin) {
      plugin.onLoad({ filter: /\.ts$/ }, (args) => ({
        contents: readFileSync(args.path, 'utf8').replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
        loader: 'ts',
      }));
    },
  };
  // Inside the repository, so that the bundle's imports of packages resolve to its node_modules.
  const folder = path.join(REPOSITORY, 'node_modules', '.cache', 'mlperf-audit');
  const bundle = path.join(folder, `config-schema-${process.pid}.mjs`);
  mkdirSync(folder, { recursive: true });
  await build({
    absWorkingDir: REPOSITORY,
    entryPoints: [GENERATOR],
    bundle: true,
    outfile: bundle,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    plugins: [keepOwnUrl],
    logLevel: 'warning',
  });
  try {
    return await import(pathToFileURL(bundle).href);
  } finally {
    rmSync(bundle, { force: true });
  }
}

/** Writes the schema file when it changed; returns its path relative to the repository. */
export async function writeConfigSchema() {
  const { CONFIG_SCHEMA_FILE, renderConfigSchema } = await importGenerator();
  const target = path.join(REPOSITORY, CONFIG_SCHEMA_FILE);
  const next = renderConfigSchema();
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {}
  if (current !== next) writeFileSync(target, next);
  return CONFIG_SCHEMA_FILE;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(`configuration schema in ${await writeConfigSchema()}`);
}
