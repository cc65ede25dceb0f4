// Copies the data files the compiled code reads at run time (round YAML, format policies, calibration lists) next to
// it in lib/.
import { cpSync } from 'node:fs';
import { ASSET_FOLDERS } from './asset-folders.js';

for (const folder of ASSET_FOLDERS) {
  cpSync(`src/${folder}`, `lib/${folder}`, { recursive: true });
}
