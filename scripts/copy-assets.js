// Copies the data files the compiled code reads at run time (round YAML) next to it in dist/.
import { cpSync } from 'node:fs';

cpSync('src/rounds/data', 'dist/rounds/data', { recursive: true });
