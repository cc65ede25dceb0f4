import rule from '../../../src/rules/acc/reproduce.ts';
import { loadgenLog, tokenHex } from '../../support/accuracy-logs.ts';
import { testRule } from '../../support/rule-tester.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';

const mitac = realResult('v6.0', 'closed/MiTAC/results/8xMI350X_2xEPYC-9755/llama2-70b-99/Offline');
const txtPath = `${mitac.path}/accuracy/accuracy.txt`;
const logPath = `${mitac.path}/accuracy/mlperf_log_accuracy.json`;
const realTxt = String(mitac.tree[txtPath]);
const whisper = realResult('v6.0', 'closed/RedHat/results/8xH200_whisper/whisper/Offline');

/** accuracy.txt as the llama2-70b script prints it, with the given counts. */
const scores = (samples: number, tokens: number, perSample: string): string =>
  `\nResults\n\n{'rouge1': 44.4576, 'rouge2': 22.0944, 'rougeL': 28.8678, 'rougeLsum': 42.0191, 'gen_len': 27360117, 'gen_num': ${samples}, 'gen_tok_len': ${tokens}, 'tokens_per_sample': ${perSample}}\n\nhash=0123abcd\n`;
/** A complete accuracy log of LLM outputs: one record per (qsl_idx, output tokens). */
const llmLog = (outputs: readonly (readonly [number, readonly number[]])[], width: 4 | 8 = 4, withCount = true): string =>
  loadgenLog(outputs.map(([qsl, tokens], seq) => ({ seq_id: seq, qsl_idx: qsl, data: tokenHex(tokens, width), ...(withCount && { token_count: tokens.length }) })));
// 4 samples, 10 tokens: 2.5 tokens a sample.
const outputs = [
  [3, [450, 338, 263]],
  [0, [13, 2]],
  [2, [29871, 2]],
  [1, [1576, 338, 2]],
] as const;
const withFiles = (txt: string, log: string) => withChanges(mitac.tree, { [txtPath]: txt, [logPath]: log });

testRule(rule, {
  valid: [
    { name: 'counts that the complete log gives', round: 'v6.0', tree: withFiles(scores(4, 10, '2.5'), llmLog(outputs)) },
    { name: 'int64 token ids without token_count', round: 'v6.0', tree: withFiles(scores(4, 10, '2.5'), llmLog(outputs, 8, false)) },
    {
      name: 'a repeated sample counts once, with its first record (as the scripts deduplicate)',
      round: 'v6.0',
      tree: withFiles(scores(4, 10, '2.5'), llmLog([...outputs, [0, [1, 2, 3, 4, 5]]])),
    },
    {
      name: 'the deepseek-r1 output (JSON, unrounded mean)',
      round: 'v6.0',
      tree: withFiles('Evaluation Results: {\n  "exact_match": 81.5,\n  "TOKENS_PER_SAMPLE": 2.5,\n  "num-samples": 4\n}\nhash=0123abcd\n', llmLog(outputs)),
    },
    { name: 'a benchmark whose accuracy script prints no counts', round: 'v6.0', tree: whisper.tree },
  ],
  invalid: [
    {
      name: 'a truncated log: the counts cannot be recomputed (info)',
      round: 'v6.0',
      tree: mitac.tree,
      errors: [{ messageId: 'truncated', severity: 'info', file: logPath, unit: mitac.path, message: 'the gen_num, gen_tok_len, tokens_per_sample that accuracy.txt reports cannot be recomputed' }],
    },
    {
      name: 'tokens_per_sample that is not gen_tok_len over gen_num, whatever the log',
      round: 'v6.0',
      tree: withChanges(mitac.tree, { [txtPath]: realTxt.replace("'tokens_per_sample': 284.0", "'tokens_per_sample': 290.0") }),
      errors: [
        { messageId: 'inconsistent', severity: 'error', file: txtPath, line: 4, message: 'reports tokens_per_sample 290.0, but its own gen_tok_len 6979645 over gen_num 24576 gives 284.0' },
        { messageId: 'truncated', severity: 'info' },
      ],
    },
    {
      name: 'a sample count the log does not give',
      round: 'v6.0',
      tree: withFiles(scores(5, 10, '2.0'), llmLog(outputs)),
      errors: [
        { messageId: 'mismatch', file: txtPath, line: 4, message: 'reports gen_num 5, but the accuracy log gives 4 (distinct qsl_idx values)' },
        { messageId: 'mismatch', message: 'reports tokens_per_sample 2.0, but the accuracy log gives 2.5000 (10 32-bit token ids over 4 samples)' },
      ],
    },
    {
      name: 'int64 token ids counted as int32: twice the tokens',
      round: 'v6.0',
      tree: withFiles(scores(4, 20, '5.0'), llmLog(outputs, 8, false)),
      errors: [
        { messageId: 'mismatch', message: 'reports gen_tok_len 20, but the accuracy log gives 10 (64-bit token ids in the first record of each of 4 samples)' },
        { messageId: 'mismatch', message: 'reports tokens_per_sample 5.0, but the accuracy log gives 2.5000' },
      ],
    },
  ],
});
