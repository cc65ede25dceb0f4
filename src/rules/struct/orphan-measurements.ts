import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'struct/orphan-measurements',
  meta: {
    description: 'Every system folder in measurements/ has results (rounds with measurements/ beside results/).',
    category: 'struct',
    scope: 'submitter',
    // Hygiene that does not make a result wrong: a warning, except in the v5.1 official profile, which rejects.
    severity: 'warning',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'submission_rules.adoc §5.6 (directory structure): measurements/<system>/<benchmark>/<scenario> describes a result in results/<system>/<benchmark>/<scenario>.',
    messages: {
      noResults: 'Folder "{{path}}" describes system "{{system}}", but results/ has no folder of that name. Remove the leftover measurements, or add the results of that system (or fix the spelling of one of the two folder names).',
    },
    rejects: 'submitter',
    official: { rounds: { since: 'v5.1', until: 'v5.1' }, severity: 'error' },
  },
  check({ unit, index, round, report }) {
    // From v6.0 the measurement files live in each result folder, so they cannot be orphaned.
    if (round.layout !== 'separate') return;
    const systemsWithResults = new Set(index.directoryNames(`${unit.path}/results`));
    for (const system of index.directoryNames(`${unit.path}/measurements`)) {
      if (systemsWithResults.has(system)) continue;
      const path = `${unit.path}/measurements/${system}`;
      report({ messageId: 'noResults', file: path, data: { path, system } });
    }
  },
});
