import { expect, it } from 'vitest';
import { selectRules } from '../../../src/checkers/rule-selection.ts';
import rule from '../../../src/rules/struct/file-size.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

const result = realResult('v5.1', 'closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b/Offline');
const accuracyLog = `${result.path}/accuracy/mlperf_log_accuracy.json`;
const limit = 50 * 1024 * 1024;
const oneByteTooMany = new Uint8Array(limit + 1);

testRule(rule, {
  valid: [
    { name: 'a real published result', round: 'v5.1', tree: result.tree },
    { name: 'a file of exactly 50 MiB', round: 'v5.1', tree: withChanges(result.tree, { [accuracyLog]: oneByteTooMany.subarray(0, limit) }) },
  ],
  invalid: [
    {
      name: 'an untruncated accuracy log one byte over the limit',
      round: 'v5.1',
      tree: withChanges(result.tree, { [accuracyLog]: oneByteTooMany }),
      errors: [{ messageId: 'tooLarge', file: accuracyLog, unit: 'closed/RedHat', message: '52428801 bytes' }],
    },
    {
      name: 'the official profile of the monolith rejects the submitter',
      round: 'v4.1',
      profile: 'official',
      tree: withChanges(result.tree, { 'closed/RedHat/code/llama3.1-8b/model.safetensors': oneByteTooMany }),
      errors: [{ messageId: 'tooLarge', file: 'closed/RedHat/code/llama3.1-8b/model.safetensors' }],
    },
  ],
});

it('is off in the official profile of the modular rounds, whose checker does not look', () => {
  expect(selectRules([rule], { profile: 'official', round: 'v6.0' })).toEqual([]);
});
