import { spawnSync } from 'node:child_process';

/**
 * The end-to-end tests run the built CLI, so build it once before any test file runs. Type errors do not stop the
 * build (tsc still emits; `npm run typecheck` is where they fail), so one unfinished file does not block every test.
 */
export default function setup(): void {
  spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'ignore' });
  const copy = spawnSync(process.execPath, ['scripts/copy-assets.js'], { stdio: 'inherit' });
  if (copy.status !== 0) throw new Error('copying the round data into lib/ failed');
}
