import { expect, it } from 'vitest';
import { selectRules } from '../../../src/checkers/rule-selection.ts';
import rule from '../../../src/rules/struct/hidden-names.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

const result = realResult('v5.1', 'closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b/Offline');
const keptFolder = 'closed/RedHat/documentation/figures/.gitkeep';

testRule(rule, {
  valid: [
    { name: 'a real published result', round: 'v5.1', tree: result.tree },
    { name: 'a .gitkeep placeholder keeps a folder', round: 'v5.1', tree: withChanges(result.tree, { [keptFolder]: '' }) },
  ],
  invalid: [
    {
      name: 'a Git folder is reported once, with nothing inside it',
      round: 'v5.1',
      tree: withChanges(result.tree, { 'closed/RedHat/code/llama3.1-8b/.git/HEAD': 'ref', 'closed/RedHat/code/llama3.1-8b/.git/refs/main': 'x' }),
      errors: [{ messageId: 'hidden', file: 'closed/RedHat/code/llama3.1-8b/.git', unit: 'closed/RedHat' }],
    },
    {
      name: 'a Finder file in a result folder',
      round: 'v6.0',
      tree: withChanges(result.tree, { [`${result.path}/.DS_Store`]: 'x' }),
      errors: [{ messageId: 'hidden', file: `${result.path}/.DS_Store` }],
    },
    {
      name: 'the official profile rejects .gitkeep, as the monolith does',
      round: 'v5.1',
      profile: 'official',
      tree: withChanges(result.tree, { [keptFolder]: '' }),
      errors: [{ messageId: 'gitkeep', file: keptFolder, unit: 'closed/RedHat' }],
    },
  ],
});

it('is off in the official profile of the modular rounds, whose checker does not look', () => {
  expect(selectRules([rule], { profile: 'official', round: 'v6.0' })).toEqual([]);
});
