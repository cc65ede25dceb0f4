import type { Diagnostic } from '../report/diagnostic.ts';
import type { AnyRule } from '../rules/rule.ts';
import type { UnitTree } from '../tree/units.ts';
import { appliesToDivision, selectRules, type ActiveRule, type SelectionOptions } from './rule-selection.ts';

/**
 * The rules that would have run with a harness configuration and did not for want of one, each said once for the
 * whole tree: a check that needs a submitted model must not pass silently because the model was not given.
 */
export function rulesNotRun(rules: readonly AnyRule[], active: readonly ActiveRule[], selection: SelectionOptions, units: UnitTree): Diagnostic[] {
  if (selection.harness === true) return [];
  const ran = new Set(active.map(({ rule }) => rule.id));
  const results = units.ofKind('scenario');
  return selectRules(rules, { ...selection, harness: true }).flatMap(({ rule }) => {
    const evidence = rule.meta.needsHarness?.evidence;
    const applicable = results.filter((result) => appliesToDivision(rule, result.division)).length;
    if (evidence === undefined || ran.has(rule.id) || applicable === 0) return [];
    return [
      {
        ruleId: rule.id,
        messageId: 'notRun',
        severity: 'info',
        message: `${rule.id} did not run: it needs ${evidence}, which a submission tree does not hold. Give them in a harness configuration (check --harness <config>) to check the ${applicable} results it applies to here.`,
        file: '',
        unit: { kind: 'root', path: units.root.path },
        data: { results: applicable },
      } satisfies Diagnostic,
    ];
  });
}
