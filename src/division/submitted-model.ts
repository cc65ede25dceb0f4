import type { HarnessConfig } from '../harness/harness-config.ts';
import type { ScenarioUnit } from '../tree/units.ts';

/**
 * The ONNX model a submitter provided for a result, from the harness configuration's `submittedModels`: the result's
 * own folder, else its benchmark folder, else the benchmark name. Submissions rarely carry their models, so this is
 * evidence a reviewer or the submitter supplies beside the tree.
 */
export function submittedModelPath(config: HarnessConfig, unit: ScenarioUnit): string | undefined {
  const models = config.submittedModels ?? {};
  return models[unit.path] ?? models[unit.parent.path] ?? models[unit.benchmark];
}

/** A percentage for messages: 99.89 %. */
export function percent(share: number): string {
  return `${(100 * share).toFixed(2)} %`;
}
