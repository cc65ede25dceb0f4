// The folders of data files the code reads at run time, relative to src/ (see src/assets.ts). The build copies them
// into lib/ (scripts/copy-assets.js) and beside the GitHub Action bundle (scripts/build-action.js).
export const ASSET_FOLDERS = ['rounds/data', 'harness/onnx/policies', 'division/calibration'];
