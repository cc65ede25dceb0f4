import { expect, it } from 'vitest';
import { selectRules } from '../../../src/checkers/rule-selection.ts';
import rule from '../../../src/rules/struct/orphan-measurements.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

const result = realResult('v5.1', 'closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b/Offline');
const leftover = 'closed/RedHat/measurements/XE8640_8xH100_vLLM';
const withLeftover = withChanges(result.tree, { [`${leftover}/llama3.1-8b/Offline/README.md`]: 'r' });
const unified = realResult('v6.0', 'closed/RedHat/results/8xH200_whisper/whisper/Offline');

testRule(rule, {
  valid: [
    { name: 'a real published result with its measurements', round: 'v5.1', tree: result.tree },
    {
      name: 'a round whose measurements live in the result folders',
      round: 'v6.0',
      tree: withChanges(unified.tree, { 'closed/RedHat/measurements/other/whisper/Offline/README.md': 'r' }),
    },
  ],
  invalid: [
    {
      name: 'measurements of a system that has no results',
      round: 'v4.1',
      tree: withLeftover,
      errors: [{ messageId: 'noResults', severity: 'warning', file: leftover, unit: 'closed/RedHat', message: '"XE8640_8xH100_vLLM"' }],
    },
    { name: 'the official profile of the v5.1 monolith rejects the submitter', round: 'v5.1', profile: 'official', tree: withLeftover, errors: [{ messageId: 'noResults', severity: 'error', file: leftover }] },
  ],
});

it('is official only for v5.1, the one monolith that had the check', () => {
  expect(selectRules([rule], { profile: 'official', round: 'v4.1' })).toEqual([]);
  expect(selectRules([rule], { profile: 'official', round: 'v6.0' })).toEqual([]);
});
