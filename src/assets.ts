/**
 * The folder holding the data files the code reads at run time (rounds/data, harness/onnx/policies,
 * division/calibration), in the same layout as src/. Every call site resolves its files from here rather than from its
 * own import.meta.url, because this module sits at the top of that layout wherever the code runs: src/ from source,
 * lib/ after `npm run build`, and dist/action/ in the GitHub Action bundle, where all modules share one
 * import.meta.url and scripts/build-action.js copies the data beside the bundle.
 */
const ASSET_ROOT = new URL('./', import.meta.url);

/** A data file or folder (ending in `/`) by its path below src/, e.g. `rounds/data/`. */
export function assetUrl(relativePath: string): URL {
  return new URL(relativePath, ASSET_ROOT);
}
