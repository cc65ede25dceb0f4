import { isPowerResult, powerPaths } from '../../checkers/inference/power.ts';
import { ptdSessionParser } from '../../parsers/power/session.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'pwr/ptd-session',
  meta: {
    description: 'The session files power/client.json and power/server.json of a power result are JSON objects with every key the Power WG checker reads.',
    category: 'pwr',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'MLPerf Power rules: power results are measured with the MLCommons power client and server (mlcommons/power-dev), whose session files are submitted in performance/power/ and checked by the Power WG checker.',
    messages: {
      unreadable: '{{name}} {{problem}}. Copy the {{name}} the MLCommons power {{role}} wrote for this session, unmodified.',
      missingKeys: '{{name}} lacks {{keys}}, which the Power WG checker requires. Copy the {{name}} the MLCommons power {{role}} wrote for this session, unmodified.',
    },
    // The checker's SessionDescriptor asserts the keys before any sub-check: the exception rejects the result.
    rejects: 'scenario',
    official: {},
  },
  async check({ unit, index, load, report }) {
    if (!isPowerResult(index, unit)) return;
    for (const role of ['client', 'server']) {
      const name = `${role}.json`;
      const path = `${powerPaths(unit).power}/${name}`;
      // pwr/file-lists reports a missing session file.
      if (!index.isFile(path)) continue;
      const session = await load(path, ptdSessionParser);
      if (!session.ok) {
        const first = session.problems[0];
        report({ messageId: 'unreadable', file: path, data: { name, role, problem: first?.message ?? 'cannot be read' }, ...(first?.line !== undefined && { line: first.line }) });
      } else if (session.value.missingKeys.length > 0) {
        report({ messageId: 'missingKeys', file: path, data: { name, role, keys: session.value.missingKeys.join(', ') } });
      }
    }
  },
});
