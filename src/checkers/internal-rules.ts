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

export const UNUSED_WAIVER: InternalRuleInfo = {
  id: 'config/unused-waiver',
  description: 'A waiver of the configuration file matched no finding of the audit.',
  severity: 'warning',
};

export const EXPIRED_WAIVER: InternalRuleInfo = {
  id: 'config/expired-waiver',
  description: 'A waiver of the configuration file has passed its expiry date, so it no longer applies.',
  severity: 'warning',
};

export const INTERNAL_RULES: readonly InternalRuleInfo[] = [RULE_CRASHED, UNUSED_WAIVER, EXPIRED_WAIVER];
