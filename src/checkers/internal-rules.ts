import type { Severity } from '../report/diagnostic.ts';

/**
 * Diagnostics the engine itself raises. They are not checks of the submission, so they are not in the rule
 * registry, but they have ids and docs pages like rules.
 */
export interface InternalRuleInfo {
  readonly id: string;
  readonly description: string;
  readonly severity: Severity;
}

export const RULE_CRASHED: InternalRuleInfo = {
  id: 'internal/rule-crashed',
  description: 'A rule failed with an unexpected error on one unit; the rest of the audit went on.',
  severity: 'error',
};

export const INTERNAL_RULES: readonly InternalRuleInfo[] = [RULE_CRASHED];
