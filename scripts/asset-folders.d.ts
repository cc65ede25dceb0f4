// Types of scripts/asset-folders.js, for the tests.

/** The folders of data files the code reads at run time, relative to src/. */
export const ASSET_FOLDERS: readonly string[];
