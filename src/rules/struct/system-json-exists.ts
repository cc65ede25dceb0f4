import { baseName, parentPath } from '../../tree/entry.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'struct/system-json-exists',
  meta: {
    description: 'Every system in results/ has its description systems/<system>.json.',
    category: 'struct',
    scope: 'system',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'submission_rules.adoc §5.7: every system of a submission is described in systems/<system>.json.',
    messages: {
      missing: 'System "{{system}}" has no description: {{path}} does not exist. Add it, named exactly like the results folder, with the fields the round requires.',
      wrongCase: 'System "{{system}}" has no description {{path}}; "{{found}}" differs only in letter case. Rename the file or the results folder so that the names match exactly.',
    },
    // The monolith rejects the system; the modular checker crashes on the whole tree, so we reject the system.
    rejects: 'system',
    official: {},
  },
  check({ unit, index, report }) {
    if (index.isFile(unit.systemJsonPath)) return;
    const systemsPath = parentPath(unit.systemJsonPath);
    const wanted = baseName(unit.systemJsonPath).toLowerCase();
    const found = index.fileNames(systemsPath).find((name) => name.toLowerCase() === wanted);
    const data = { system: unit.system, path: unit.systemJsonPath };
    if (found === undefined) report({ messageId: 'missing', file: systemsPath, data });
    else report({ messageId: 'wrongCase', file: systemsPath, data: { ...data, found } });
  },
});
