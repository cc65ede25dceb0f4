import type { HarnessConfig } from '../harness/harness-config.ts';
import type { ScenarioUnit } from '../tree/units.ts';

/**
 * The ONNX model a submitter provided for a result, from the harness configuration's `submittedModels`: the result's
 * own folder, else its benchmark folder, else the benchmark name. Submissions rarely carry their models, so this is
 * evidence a reviewer or the submitter supplies beside the tree.
 */
export function submittedModelPath(config: HarnessConfig, unit: ScenarioUnit): string | undefined {
  return evidenceFor(config.submittedModels, unit);
}

/** The entry of an evidence map for a result: its own folder, else its benchmark folder, else the benchmark name. */
export function evidenceFor<T>(evidence: Readonly<Record<string, T>> | undefined, unit: ScenarioUnit): T | undefined {
  if (evidence === undefined) return undefined;
  return evidence[unit.path] ?? evidence[unit.parent.path] ?? evidence[unit.benchmark];
}

/** A percentage for messages: 99.89 %. */
export function percent(share: number): string {
  return `${(100 * share).toFixed(2)} %`;
}
