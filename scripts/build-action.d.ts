// Types of scripts/build-action.js, for test/action/bundle.test.ts.

/** dist/action/, absolute. */
export const ACTION_DIRECTORY: string;
/** The command that regenerates dist/action/. */
export const REBUILD_COMMAND: string;
/** Every file of dist/action/ (text, or the bytes of a data file), by path relative to it, built in memory. */
export function buildActionFiles(): Promise<Map<string, string | Buffer>>;
