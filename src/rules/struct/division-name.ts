import { DIVISIONS } from '../../rounds/types.ts';
import { defineRule } from '../rule.ts';

/** Repository folders that the monolith knows are not divisions. */
const REPOSITORY_FOLDERS: readonly string[] = ['.git', '.github', 'assets'];

export default defineRule({
  id: 'struct/division-name',
  meta: {
    description: 'Every folder in the submission root is a division: closed, open or network.',
    category: 'struct',
    scope: 'root',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'submission_rules.adoc §5.6 (directory structure): the root holds one folder per division, named closed, open or network.',
    messages: {
      wrongCase: 'Folder "{{name}}" looks like the {{division}} division, but division folders are lower-case, so nothing in it is audited. Rename it to "{{division}}".',
      unknown: 'Folder "{{name}}" in the submission root is not a division, so nothing in it is audited. Move its content into closed/, open/ or network/, or delete it.',
    },
    // The monolith logs an error but records no verdict; the modular checker skips the folder silently.
    rejects: 'none',
    official: { rounds: { until: 'v5.1' }, severity: 'warning' },
  },
  check({ units, report }) {
    for (const name of units.unknownTopLevel) {
      if (REPOSITORY_FOLDERS.includes(name)) continue;
      const division = DIVISIONS.find((candidate) => candidate === name.toLowerCase());
      if (division === undefined) report({ messageId: 'unknown', file: name, data: { name } });
      else report({ messageId: 'wrongCase', file: name, data: { name, division } });
    }
  },
});
