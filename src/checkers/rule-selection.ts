import type { Severity } from '../report/diagnostic.ts';
import { loadRound, roundInRange } from '../rounds/load-round.ts';
import type { Division } from '../rounds/types.ts';
import type { AnyRule, Profile } from '../rules/rule.ts';

export type SeveritySetting = Severity | 'off';

/** A rule switched on for this audit, with the severity its findings get. */
export interface ActiveRule {
  readonly rule: AnyRule;
  readonly severity: Severity;
}

export interface SelectionOptions {
  readonly profile: Profile;
  readonly round: string;
  /** Which official checker decides the round; read from the round's data when absent. */
  readonly checker?: 'monolith' | 'modular';
  /** User overrides by rule id (recommended profile only: the official profile is the official checker's). */
  readonly severities?: Readonly<Record<string, SeveritySetting>>;
  /** Whether a harness configuration was given; rules that need one are off without it. */
  readonly harness?: boolean;
}

/** The rules that apply to a round in a profile, with their severities. */
export function selectRules(rules: readonly AnyRule[], options: SelectionOptions): ActiveRule[] {
  const active: ActiveRule[] = [];
  for (const rule of rules) {
    const severity = severityOf(rule, options);
    if (severity !== 'off') active.push({ rule, severity });
  }
  return active;
}

function severityOf(rule: AnyRule, options: SelectionOptions): SeveritySetting {
  const { profile, round, severities, checker } = options;
  const { meta } = rule;
  if (meta.needsHarness !== undefined && options.harness !== true) return 'off';
  if (profile === 'official') {
    if (meta.official === false || !roundInRange(round, meta.official.rounds ?? meta.rounds)) return 'off';
    return officialSeverity(rule, checker ?? loadRound(round).officialChecker.kind);
  }
  if (!roundInRange(round, meta.rounds)) return 'off';
  return severities?.[rule.id] ?? meta.severity;
}

/** The severity a rule has in the official profile under a given official checker. */
export function officialSeverity(rule: AnyRule, checker: 'monolith' | 'modular'): Severity {
  const { official, severity } = rule.meta;
  if (official === false || official.severity === undefined) return severity;
  return typeof official.severity === 'string' ? official.severity : official.severity[checker];
}

export function appliesToDivision(rule: AnyRule, division: Division | undefined): boolean {
  return division === undefined || rule.meta.divisions.includes(division);
}
