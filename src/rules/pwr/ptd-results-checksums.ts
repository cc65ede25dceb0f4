import { isRecord, loadPtdSessions } from '../../checkers/inference/ptd-session.ts';
import { sha1Parser } from '../../parsers/file-hash.ts';
import { defineRule } from '../rule.ts';

/** The files under performance/ whose hashes the session records (RESULT_PATHS without the two session files). */
const HASHED_FILES = [
  'power/client.log',
  'power/ptd_logs.txt',
  'power/server.log',
  'ranging/mlperf_log_detail.txt',
  'ranging/mlperf_log_summary.txt',
  'ranging/spl.txt',
  'run_1/mlperf_log_detail.txt',
  'run_1/mlperf_log_summary.txt',
  'run_1/spl.txt',
] as const;

export default defineRule({
  id: 'pwr/ptd-results-checksums',
  meta: {
    description: 'The files of a power result are the ones the power session produced: their SHA-1 matches the hashes client.json and server.json recorded.',
    category: 'pwr',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'MLPerf Power rules: the logs of a power result are submitted as the power client and server produced them; their hashes are recorded in the session files (Power WG checker "Check results checksum").',
    messages: {
      malformed: '{{name}} has no usable record of result hashes ({{reason}}). Copy the file the MLCommons power {{role}} wrote for this session, unmodified.',
      clientServerMismatch: 'client.json and server.json record different hashes for {{file}}. Copy both files from the one session that measured this result.',
      checksumMismatch: '{{file}} is not the file the power session produced: its SHA-1 is {{actual}}, the session recorded {{recorded}}. Restore the file exactly as the power client or server wrote it.',
      missingFile: '{{file}} is missing, but the power session recorded its hash. Copy it from the output of the session.',
      notRecorded: 'The power session recorded no hash for {{file}}, so it cannot be shown to come from the session. Copy the whole output of the one session that measured this result.',
    },
    // "Check results checksum" fails, the Power WG checker returns 1, and the result is rejected.
    rejects: 'scenario',
    official: {},
  },
  async check({ unit, index, load, report }) {
    const sessions = await loadPtdSessions(load, index, unit);
    if (!sessions) return;
    const { performance } = sessions.paths;
    const recorded = { client: sessions.client['results'], server: sessions.server['results'] };
    for (const role of ['client', 'server'] as const) {
      if (!isRecord(recorded[role])) {
        report({ messageId: 'malformed', file: role === 'client' ? sessions.clientPath : sessions.serverPath, data: { name: `${role}.json`, role, reason: 'results is not an object of file hashes' } });
        return;
      }
    }
    const client = recorded.client as Readonly<Record<string, unknown>>;
    const server = recorded.server as Readonly<Record<string, unknown>>;
    // The checker compares client and server first and stops there when they disagree.
    const disagreeing = HASHED_FILES.filter((name) => Object.hasOwn(client, name) && Object.hasOwn(server, name) && client[name] !== server[name]);
    for (const name of disagreeing) report({ messageId: 'clientServerMismatch', file: sessions.serverPath, data: { file: name } });
    if (disagreeing.length > 0) return;

    for (const name of HASHED_FILES) {
      const path = `${performance}/${name}`;
      const expected = Object.hasOwn(server, name) ? server[name] : client[name];
      const isRecorded = Object.hasOwn(server, name) || Object.hasOwn(client, name);
      const actual = index.exists(path) ? await load(path, sha1Parser) : undefined;
      const folder = path.slice(0, path.lastIndexOf('/'));
      if (actual === undefined || !actual.ok) {
        if (isRecorded) report({ messageId: 'missingFile', file: folder, data: { file: `performance/${name}` } });
        else report({ messageId: 'notRecorded', file: folder, data: { file: `performance/${name}` } });
      } else if (!isRecorded) {
        report({ messageId: 'notRecorded', file: path, data: { file: `performance/${name}` } });
      } else if (expected !== actual.value) {
        report({ messageId: 'checksumMismatch', file: path, data: { file: `performance/${name}`, actual: actual.value, recorded: String(expected) } });
      }
    }
  },
});
