#!/usr/bin/env node
import { main } from '../lib/cli/main.js';

// Large reports must reach a pipe completely before the process exits.
for (const stream of [process.stdout, process.stderr]) stream._handle?.setBlocking?.(true);

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
