import { expect, it } from 'vitest';
import { selectRules } from '../../../src/checkers/rule-selection.ts';
import rule from '../../../src/rules/struct/empty-dirs.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

const result = realResult('v5.1', 'closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b/Offline');

testRule(rule, {
  valid: [
    { name: 'a real published result', round: 'v5.1', tree: result.tree },
    { name: 'a folder kept by a placeholder', round: 'v5.1', tree: withChanges(result.tree, { 'closed/RedHat/documentation/figures/.gitkeep': '' }) },
  ],
  invalid: [
    {
      name: 'a result folder whose files were never copied',
      round: 'v5.1',
      tree: withChanges(result.tree, { 'closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b/Server': { directory: true } }),
      errors: [{ messageId: 'empty', file: 'closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b/Server', unit: 'closed/RedHat' }],
    },
    {
      name: 'the official profile of the monolith rejects the submitter',
      round: 'v4.1',
      profile: 'official',
      tree: withChanges(result.tree, { 'closed/RedHat/documentation/figures': { directory: true } }),
      errors: [{ messageId: 'empty', file: 'closed/RedHat/documentation/figures' }],
    },
  ],
});

it('is off in the official profile of the modular rounds, whose checker does not look', () => {
  expect(selectRules([rule], { profile: 'official', round: 'v6.0' })).toEqual([]);
});
