/**
 * The GitHub Action's entry point (action.yml runs its bundle, dist/action/index.js). The exit code is set rather than
 * the process ended, so that everything written to stdout reaches the log first.
 */
import { runAction } from './run-action.ts';

process.exitCode = await runAction({ env: process.env, cwd: process.cwd(), stdout: process.stdout });
