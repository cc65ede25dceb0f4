import { INTERNAL_RULES, type InternalRuleInfo } from '../checkers/internal-rules.ts';
import { registry } from '../rules/registry.ts';
import type { AnyRule } from '../rules/rule.ts';

const REGISTERED = new Map(registry.map((rule) => [rule.id, rule]));
const INTERNAL = new Map(INTERNAL_RULES.map((info) => [info.id, info]));

/** A rule of the registry by id: what reports need beyond the audit's summary of it (rule text, scope, divisions). */
export function registeredRule(id: string): AnyRule | undefined {
  return REGISTERED.get(id);
}

/** The engine's own findings (internal/rule-crashed, the configuration's waivers): ids and docs pages, no rule text. */
export function internalRule(id: string): InternalRuleInfo | undefined {
  return INTERNAL.get(id);
}

/** The category of a rule id: the part before its slash (`perf` for `perf/test-mode`). */
export function ruleCategory(id: string): string {
  const slash = id.indexOf('/');
  return slash === -1 ? id : id.slice(0, slash);
}
