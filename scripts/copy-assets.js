// Copies the data files the compiled code reads at run time (round YAML, format policies, calibration lists) next to
// it in lib/.
import { cpSync } from 'node:fs';

for (const folder of ['rounds/data', 'harness/onnx/policies', 'division/calibration']) {
  cpSync(`src/${folder}`, `lib/${folder}`, { recursive: true });
}
