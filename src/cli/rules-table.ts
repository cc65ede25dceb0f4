import { roundInRange } from '../rounds/load-round.ts';
import { registry } from '../rules/registry.ts';
import type { AnyRule, Profile } from '../rules/rule.ts';
import { describeOfficial, describeOfficialSeverity, describeRounds } from './rule-docs.ts';

export interface RulesFilter {
  readonly round?: string;
  readonly category?: string;
  readonly profile?: Profile;
}

/** The rules that match a filter: in a round and profile, or of a category. */
export function filterRules(filter: RulesFilter): AnyRule[] {
  return registry.filter((rule) => {
    if (filter.category !== undefined && rule.meta.category !== filter.category) return false;
    if (filter.profile === 'official') {
      if (rule.meta.official === false) return false;
      if (filter.round !== undefined && !roundInRange(filter.round, rule.meta.official.rounds ?? rule.meta.rounds)) return false;
    } else if (filter.round !== undefined && !roundInRange(filter.round, rule.meta.rounds)) return false;
    return true;
  });
}

export function rulesTable(rules: readonly AnyRule[], profile: Profile): string {
  const severityIn = (rule: AnyRule) => (profile === 'official' ? describeOfficialSeverity(rule) : rule.meta.severity);
  const rows = rules.map((rule) => [rule.id, severityIn(rule), rule.meta.scope, describeRounds(rule.meta.rounds), describeOfficial(rule), `${rule.meta.needsHarness !== undefined ? '[--harness] ' : ''}${rule.meta.description}`]);
  const header = ['rule', 'severity', 'checks each', 'rounds', 'official checker', 'description'];
  const widths = header.slice(0, -1).map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] as string).length)));
  const format = (row: readonly string[]) => row.map((cell, column) => (column < widths.length ? cell.padEnd(widths[column] as number) : cell)).join('  ');
  const withHarness = rules.filter((rule) => rule.meta.needsHarness !== undefined).length;
  // Rules that need models and data sets are listed with the others, but run only when given them.
  const note = withHarness > 0 ? `; ${withHarness} of them run only with check --harness <config> (docs/harness.md)` : '';
  return `${[format(header), ...rows.map(format)].join('\n')}\n\n${rules.length} rule${rules.length === 1 ? '' : 's'}${note}\n`;
}
