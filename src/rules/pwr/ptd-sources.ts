import { powerCheckData, type SourcesChecksumsEntry } from '../../checkers/inference/power.ts';
import { isRecord, jsonEqual, loadPtdSessions } from '../../checkers/inference/ptd-session.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'pwr/ptd-sources',
  meta: {
    description: 'The power client and server that measured a power result ran unmodified MLCommons sources: their recorded source checksums are a released set.',
    category: 'pwr',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'MLPerf Power rules: measurements use the released MLCommons power client and server (mlcommons/power-dev), verified by the Power WG checker against sources_checksums.json.',
    messages: {
      unknownSources: 'The sources recorded in {{name}} are not a released version of the MLCommons power {{role}} ({{differences}}). Measure again with an unmodified power-dev release that the checker of this round accepts.',
    },
    // "Check client/server sources checksum" fails, the Power WG checker returns 1, and the result is rejected.
    rejects: 'scenario',
    official: {},
  },
  async check({ unit, round, index, load, report }) {
    const sessions = await loadPtdSessions(load, index, unit);
    if (!sessions) return;
    const accepted = powerCheckData(round).sourcesChecksums;
    for (const [role, json, path] of [['client', sessions.client, sessions.clientPath], ['server', sessions.server, sessions.serverPath]] as const) {
      const sources = json['sources'];
      if (accepted.some((entry) => jsonEqual(sources, entry.files))) continue;
      report({ messageId: 'unknownSources', file: path, data: { name: `${role}.json`, role, differences: differences(sources, accepted) } });
    }
  },
});

/** How the recorded sources differ from the closest accepted set, to point at the modified files. */
function differences(sources: unknown, accepted: readonly SourcesChecksumsEntry[]): string {
  if (!isRecord(sources)) return 'the sources field is not an object of file checksums';
  const differing = (entry: SourcesChecksumsEntry): string[] => {
    const names = new Set([...Object.keys(entry.files), ...Object.keys(sources)]);
    return [...names].filter((name) => sources[name] !== entry.files[name]).sort();
  };
  const closest = accepted.map(differing).sort((a, b) => a.length - b.length)[0];
  return closest === undefined ? 'this round accepts none' : `closest accepted set differs in ${closest.join(', ')}`;
}
