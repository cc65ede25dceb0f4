import { existsSync, readFileSync } from 'node:fs';
import { assetUrl } from './assets.ts';

/**
 * The package's package.json: one level above the asset root from src/ and lib/; in the GitHub Action bundle, the
 * one scripts/build-action.js writes beside it in dist/action/ (which has no package root above it to rely on).
 */
const PACKAGE_JSON = existsSync(assetUrl('package.json')) ? assetUrl('package.json') : assetUrl('../package.json');

/** The package version, read once. */
export const TOOL_VERSION: string = (JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version: string }).version;
export const TOOL_NAME = 'mlperf-audit';
