import type { SystemFieldProblem, SystemFieldProblemKind } from '../../parsers/system-description.ts';
import type { RoundData } from '../../rounds/types.ts';
import type { SystemUnit } from '../../tree/units.ts';
import type { Load } from './result-metric.ts';
import { loadSystemDescription } from './system-json.ts';

/** The schema violations of one kind in a system's description; none when it cannot be parsed (sys/json-valid says why). */
export async function systemFieldProblems(load: Load, round: RoundData, unit: SystemUnit, kind: SystemFieldProblemKind): Promise<SystemFieldProblem[]> {
  const description = await loadSystemDescription(load, round, unit.systemJsonPath);
  if (!description.ok) return [];
  return description.value.fieldProblems.filter((problem) => problem.kind === kind);
}

/** A field value as it is written in the JSON file, so that a message shows `0`, `"0"` and `false` apart. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/** `"a", "b" or "c"`: the allowed values of a field, for a message. */
export function alternatives(values: readonly string[]): string {
  const quoted = values.map((value) => JSON.stringify(value));
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
}
