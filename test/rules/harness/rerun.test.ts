import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { HarnessConfig } from '../../../src/harness/harness-config.ts';
import rule from '../../../src/rules/harness/rerun.ts';
import type { MemoryNode } from '../../../src/tree/memory-fs.ts';
import { DIGITS_MODELS, DIGITS_SCENARIO, modelAnswers, writeDigitsDataset, writeDigitsResult, type Doctoring } from '../../support/digits-submission.ts';
import { testRule } from '../../support/rule-tester.ts';
import { truncateLog } from '../../support/accuracy-logs.ts';

// The harness reads the result from disk: each submission is written to a temporary folder, and the rule sees the
// same files in memory.
const workDir = mkdtempSync(path.join(tmpdir(), 'mlperf-audit-harness-rule-'));
const dataset = path.join(workDir, 'dataset');
writeDigitsDataset(dataset);
const answers = await modelAnswers(path.join(DIGITS_MODELS, 'digits-fp32.onnx'));

function treeOf(root: string): Record<string, MemoryNode> {
  const tree: Record<string, MemoryNode> = {};
  const copy = (relative: string): void => {
    const absolute = path.join(root, relative);
    if (statSync(absolute).isDirectory()) for (const name of readdirSync(absolute)) copy(relative === '' ? name : `${relative}/${name}`);
    else tree[relative] = readFileSync(absolute);
  };
  copy('');
  return tree;
}

function submission(name: string, doctoring: Doctoring): { root: string; tree: Record<string, MemoryNode> } {
  const root = path.join(workDir, name);
  writeDigitsResult(root, answers, doctoring);
  return { root, tree: treeOf(root) };
}

const config = (references: HarnessConfig['references']): HarnessConfig => ({ seed: 'rule-test', samples: 400, references });
const digits = { model: path.join(DIGITS_MODELS, 'digits-fp32.onnx'), dataset };
const honest = submission('honest', 'none');
const doctored = submission('ground-truth', 'ground-truth');
const accuracyLog = `${DIGITS_SCENARIO}/accuracy/mlperf_log_accuracy.json`;
const truncated = (() => {
  const root = path.join(workDir, 'truncated');
  writeDigitsResult(root, answers, 'none');
  const log = path.join(root, accuracyLog);
  writeFileSync(log, truncateLog(readFileSync(log, 'utf8')));
  return { root, tree: treeOf(root) };
})();

testRule(rule, {
  valid: [
    { name: 'an honest run with its reference configured', round: 'v6.0', tree: honest.tree, harness: { config: config({ digits }), submissionRoot: honest.root } },
    { name: 'without --harness the rule does not run', round: 'v6.0', tree: doctored.tree },
  ],
  invalid: [
    {
      name: 'ground truth put into the log',
      round: 'v6.0',
      tree: doctored.tree,
      harness: { config: config({ digits }), submissionRoot: doctored.root },
      errors: [
        { messageId: 'failed', unit: DIGITS_SCENARIO, severity: 'error', message: 'on its mcnemar check: the SUT is right where the reference model is wrong on b = 14 samples and wrong where it is right on c = 0' },
        { messageId: 'warned', severity: 'warning', message: 'on its agreement check: the logged label equals the reference model\'s on 386 of 400 samples' },
      ],
    },
    {
      name: 'no reference configured for the benchmark',
      round: 'v6.0',
      tree: honest.tree,
      harness: { config: config({ resnet50: digits }), submissionRoot: honest.root },
      errors: [{ messageId: 'notConfigured', severity: 'info', message: 'for digits' }],
    },
    {
      name: 'a model that does not exist',
      round: 'v6.0',
      tree: honest.tree,
      harness: { config: config({ digits: { ...digits, model: path.join(workDir, 'missing.onnx') } }), submissionRoot: honest.root },
      errors: [{ messageId: 'cannotRun', severity: 'warning', message: 'missing.onnx does not exist' }],
    },
    {
      name: 'a truncated log: only its surviving records can be checked',
      round: 'v6.0',
      tree: truncated.tree,
      harness: { config: config({ digits }), submissionRoot: truncated.root },
      errors: [{ messageId: 'noted', file: accuracyLog, severity: 'info', message: 'is truncated' }],
    },
  ],
});
