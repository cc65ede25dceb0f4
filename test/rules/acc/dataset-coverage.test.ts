import type { MemoryNode } from '../../../src/tree/memory-fs.ts';
import rule from '../../../src/rules/acc/dataset-coverage.ts';
import { qwenEndpoints, withJson } from '../../support/endpoints.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

const whisper = realResult('v6.0', 'closed/RedHat/results/8xH200_whisper/whisper/Offline');
const whisperLog = `${whisper.path}/accuracy/mlperf_log_detail.txt`;
const llama = realResult('v5.1', 'closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b/Offline');
const llamaLog = `${llama.path}/accuracy/mlperf_log_detail.txt`;
const resnet = realResult('v4.1', 'closed/Intel/results/1-node-2S-EMR-PyTorch/resnet50/Offline');

const edited = (tree: Record<string, MemoryNode>, path: string, edit: (text: string) => string) => withChanges(tree, { [path]: edit(String(tree[path])) });
const count = (key: string, value: number) => (text: string) => text.replace(new RegExp(`("key": "${key}", "value": )\\d+`), `$1${value}`);
const lineOf = (text: string, key: string) => text.split('\n').findIndex((line) => line.includes(`"key": "${key}"`)) + 1;

// Endpoints results: the samples of every accuracy dataset of accuracy_results.json, summed (qwen3-vl: 48289).
const endpoints = qwenEndpoints();
const endpointsResults = `${endpoints.offline}/accuracy/accuracy_results.json`;
const withScores = (edit: (score: Record<string, unknown>) => Record<string, unknown>) =>
  withJson(endpoints.tree, endpointsResults, (json) => ({ accuracy_scores: (json['accuracy_scores'] as Record<string, unknown>[]).map(edit) }));

testRule(rule, {
  valid: [
    { name: 'a v6.1 endpoints accuracy run on the whole data set', round: 'v6.1', profile: 'official', tree: endpoints.tree },
    {
      name: 'a v6.1 endpoints dataset counted by its issued responses',
      round: 'v6.1',
      tree: withScores(({ total_samples: _count, ...score }) => ({ ...score, response_counts: { issued: 48289, completed: 48289, failed: 0 } })),
    },
    { name: 'a real accuracy run on the whole data set', round: 'v6.0', profile: 'official', tree: whisper.tree },
    { name: 'v4.1 gives no data-set sizes', round: 'v4.1', tree: edited(resnet.tree, `${resnet.path}/accuracy/mlperf_log_detail.txt`, count('qsl_reported_total_count', 10)) },
    // effective_accuracy_sample_count, when logged, is what counts.
    { name: 'qsl_reported_total_count is ignored when the effective count is logged', round: 'v6.0', tree: edited(whisper.tree, whisperLog, count('qsl_reported_total_count', 10)) },
  ],
  invalid: [
    {
      name: 'a v6.1 endpoints accuracy run on part of the data set',
      round: 'v6.1',
      profile: 'official',
      tree: withScores((score) => ({ ...score, total_samples: 48000 })),
      errors: [{ messageId: 'mismatch', file: endpointsResults, message: 'covered 48000 samples (effective_accuracy_sample_count)' }],
    },
    {
      name: 'a v6.1 endpoints accuracy run without a sample count',
      round: 'v6.1',
      tree: withScores(({ total_samples: _count, ...score }) => score),
      errors: [{ messageId: 'noEndpointsCount', file: endpointsResults }],
    },
    {
      name: 'official v5.1: the monolith only logs a partial run: a warning, no rejection',
      round: 'v5.1',
      profile: 'official',
      tree: edited(llama.tree, llamaLog, count('qsl_reported_total_count', 1000)),
      errors: [{ messageId: 'mismatch', severity: 'warning' }],
    },
    {
      name: 'an accuracy run on part of the data set',
      round: 'v6.0',
      profile: 'official',
      tree: edited(whisper.tree, whisperLog, count('effective_accuracy_sample_count', 1000)),
      errors: [{ messageId: 'mismatch', file: whisperLog, line: lineOf(String(whisper.tree[whisperLog]), 'effective_accuracy_sample_count'), message: 'covered 1000 samples (effective_accuracy_sample_count), but the accuracy data set of whisper has 1633' }],
    },
    {
      name: 'recommended v5.1: qsl_reported_total_count below the data set',
      round: 'v5.1',
      tree: edited(llama.tree, llamaLog, count('qsl_reported_total_count', 1000)),
      errors: [{ messageId: 'mismatch', message: '(qsl_reported_total_count)' }],
    },
    {
      name: 'neither count logged',
      round: 'v6.0',
      tree: edited(whisper.tree, whisperLog, (text) => text.split('\n').filter((line) => !/"key": "(effective_accuracy_sample_count|qsl_reported_total_count)"/.test(line)).join('\n')),
      errors: [{ messageId: 'noCount', file: whisperLog }],
    },
  ],
});
