import type { ParseResult } from '../../parsers/parse-result.ts';
import { systemDescriptionParser, type SystemDescription } from '../../parsers/system-description.ts';
import type { RoundData, SystemCategory } from '../../rounds/types.ts';
import type { Load } from './result-metric.ts';

const parsers = new WeakMap<RoundData, ReturnType<typeof systemDescriptionParser>>();

/** The system description of a result's system, validated against its round (parsed once per audit). */
export function loadSystemDescription(load: Load, round: RoundData, systemJsonPath: string): Promise<ParseResult<SystemDescription>> {
  let parser = parsers.get(round);
  if (!parser) {
    parser = systemDescriptionParser(round);
    parsers.set(round, parser);
  }
  return load(systemJsonPath, parser);
}

/** The required-scenario table a `system_type` selects; undefined for a value the tables do not know. */
export function systemCategory(systemType: unknown): SystemCategory | undefined {
  if (systemType === 'datacenter') return 'datacenter';
  if (systemType === 'edge') return 'edge';
  if (systemType === 'datacenter,edge' || systemType === 'edge,datacenter') return 'datacenterEdge';
  return undefined;
}
