import rule from '../../../src/rules/comp/test06-recheck.ts';
import { loadgenLog, logRecords, tokenHex, truncateLog, type AccuracyRecord } from '../../support/accuracy-logs.ts';
import { testRule, type Tree } from '../../support/rule-tester.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';

// Modular layout (v6.0): TEST06 inside the result folder; Server logs carry token_data, Offline ones do not.
const server = realResult('v6.0', 'closed/MiTAC/results/8xMI350X_2xEPYC-9755/llama2-70b-99/Server');
const serverLog = `${server.path}/TEST06/accuracy/mlperf_log_accuracy.json`;
const offline = realResult('v6.0', 'closed/MiTAC/results/8xMI350X_2xEPYC-9755/llama2-70b-99/Offline');
// Monolith layout (v5.1): TEST06 in the compliance tree; llama3.1 ends its outputs with <|eot_id|> (128009).
const llama8b = realResult('v5.1', 'closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b/Server');
const llama8bLog = 'closed/RedHat/compliance/XE8640_4xH100_vLLM/llama3.1-8b/Server/TEST06/accuracy/mlperf_log_accuracy.json';

/** The tree with the log's records changed; `edit` gets each record with its position. */
function editRecords(tree: Tree, file: string, edit: (record: AccuracyRecord, position: number) => AccuracyRecord): Tree {
  return withChanges(tree, { [file]: loadgenLog(logRecords(tree[file] as Buffer).map(edit)) });
}
/** A record whose output gains tokens at its end, with token_count kept right. */
const append = (record: AccuracyRecord, tokens: readonly number[]): AccuracyRecord => ({
  ...record,
  data: `${record.data}${tokenHex(tokens)}`,
  token_count: Number(record.token_count) + tokens.length,
});
/** A record's output read back as int32 token ids. */
const tokensOf = (record: AccuracyRecord): number[] => {
  const bytes = Buffer.from(String(record.data), 'hex');
  return Array.from({ length: bytes.length / 4 }, (_, index) => bytes.readInt32LE(index * 4));
};

testRule(rule, {
  valid: [
    { name: 'a real TEST06 log (Server, modular layout)', round: 'v6.0', tree: server.tree },
    { name: 'a real TEST06 log (Offline: no first token to check)', round: 'v6.0', tree: offline.tree },
    { name: 'a real TEST06 log (monolith layout, llama3.1 EOS ids)', round: 'v5.1', tree: llama8b.tree },
    {
      name: 'int64 token ids with a matching token_count',
      round: 'v6.0',
      tree: editRecords(server.tree, serverLog, (record) => ({ ...record, data: tokenHex(tokensOf(record), 8), token_data: tokenHex(tokensOf({ data: record.token_data ?? '' }), 8) })),
    },
    { name: 'an empty log is comp/test06’s finding', round: 'v6.0', tree: withChanges(server.tree, { [serverLog]: '[\n]\n' }) },
    { name: 'the official profile does not run the rule', round: 'v6.0', profile: 'official', tree: editRecords(server.tree, serverLog, (record) => append(record, [2, 2])) },
  ],
  invalid: [
    {
      name: 'outputs padded with EOS tokens, which the official EOS check (given the id as a string) lets through',
      round: 'v6.0',
      tree: editRecords(server.tree, serverLog, (record, position) => (position === 4 || position === 9 ? append(record, [2, 2]) : record)),
      errors: [{ messageId: 'eos', file: serverLog, line: 6, unit: server.path, message: 'has 2 of 105 samples ending with two or more EOS tokens (EOS 2)' }],
    },
    {
      name: 'a padded llama3.1 output ending with two different EOS ids',
      round: 'v5.1',
      tree: editRecords(llama8b.tree, llama8bLog, (record, position) => (position === 0 ? append(record, [128001]) : record)),
      errors: [{ messageId: 'eos', file: llama8bLog, line: 2, message: '(EOS 128001 or 128008 or 128009): qsl_idx' }],
    },
    {
      name: 'a reported first token that is not the output’s',
      round: 'v6.0',
      tree: editRecords(server.tree, serverLog, (record, position) => (position === 2 ? { ...record, token_data: tokenHex([31337]) } : record)),
      errors: [{ messageId: 'firstToken', file: serverLog, line: 4, message: 'has 1 of 105 samples whose reported first token' }],
    },
    {
      name: 'a token_count that is not the output length',
      round: 'v6.0',
      tree: editRecords(offline.tree, `${offline.path}/TEST06/accuracy/mlperf_log_accuracy.json`, (record, position) => (position === 0 ? { ...record, token_count: Number(record.token_count) - 1 } : record)),
      errors: [{ messageId: 'length', line: 2, message: 'has 1 of 100 samples whose token_count is not the number of 32-bit token ids in the output: qsl_idx' }],
    },
    {
      name: 'a truncated TEST06 log (info)',
      round: 'v6.0',
      tree: withChanges(server.tree, { [serverLog]: truncateLog(String(server.tree[serverLog])) }),
      errors: [{ messageId: 'truncated', severity: 'info', file: serverLog }],
    },
    {
      name: 'a log that is not valid JSON',
      round: 'v6.0',
      tree: withChanges(server.tree, { [serverLog]: '[\n{ "seq_id" : 0, "qsl_idx" : 1, "data" : "02000000" }\n{ "seq_id" : 1, "qsl_idx" : 2, "data" : "02000000" }\n]\n' }),
      errors: [{ messageId: 'malformed', file: serverLog, line: 3, message: 'is not valid JSON' }],
    },
  ],
});
