import type { HarnessConfig } from '../harness/harness-config.ts';
import type { ReportDescriptor } from '../rules/rule.ts';
import type { ScenarioUnit } from '../tree/units.ts';

/**
 * The ONNX model a submitter provided for a result, from the harness configuration's `submittedModels`: the result's
 * own folder, else its benchmark folder, else the benchmark name. Submissions rarely carry their models, so this is
 * evidence a reviewer or the submitter supplies beside the tree.
 */
export function submittedModelPath(config: HarnessConfig, unit: ScenarioUnit): string | undefined {
  return evidenceFor(config.submittedModels, unit);
}

/**
 * The submitted model of a result and its benchmark's reference model, for the rules that compare the two; when the
 * configuration lacks one, the rule's `noModel` or `noReference` finding is reported and the result is undefined.
 */
export function modelAndReference(
  config: HarnessConfig,
  unit: ScenarioUnit,
  report: (descriptor: ReportDescriptor<'noModel' | 'noReference'>) => void,
): { readonly model: string; readonly reference: string } | undefined {
  const model = submittedModelPath(config, unit);
  if (model === undefined) {
    report({ messageId: 'noModel' });
    return undefined;
  }
  const reference = config.references[unit.benchmark]?.model;
  if (reference === undefined) {
    report({ messageId: 'noReference', data: { benchmark: unit.benchmark } });
    return undefined;
  }
  return { model, reference };
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
