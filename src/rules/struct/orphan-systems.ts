import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'struct/orphan-systems',
  meta: {
    description: 'Every system description in systems/ has results.',
    category: 'struct',
    scope: 'submitter',
    // Hygiene that does not make a result wrong: a warning, except in the v5.1 official profile, which rejects.
    severity: 'warning',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'submission_rules.adoc §5.6 (directory structure) and §5.7: systems/<system>.json describes the system of results/<system>/.',
    messages: {
      noResults: 'System description "{{path}}" has no results: there is no folder results/{{system}}. Remove the description, or add the results of that system (the folder name must equal the file name without .json).',
    },
    // The monolith rejects the submitter; the modular checker no longer looks.
    rejects: 'submitter',
    official: { rounds: { since: 'v5.1', until: 'v5.1' }, severity: 'error' },
  },
  check({ unit, index, report }) {
    const systemsWithResults = new Set(index.directoryNames(`${unit.path}/results`));
    for (const name of index.fileNames(`${unit.path}/systems`)) {
      if (!name.endsWith('.json')) continue;
      const system = name.slice(0, -'.json'.length);
      if (systemsWithResults.has(system)) continue;
      const path = `${unit.path}/systems/${name}`;
      report({ messageId: 'noResults', file: path, data: { path, system } });
    }
  },
});
