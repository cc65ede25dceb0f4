import { expect, it } from 'vitest';
import { selectRules } from '../../../src/checkers/rule-selection.ts';
import rule from '../../../src/rules/struct/space-in-names.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

const result = realResult('v5.1', 'closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b/Offline');

testRule(rule, {
  valid: [{ name: 'a real published result', round: 'v5.1', tree: result.tree }],
  invalid: [
    {
      name: 'a folder and a file with spaces',
      round: 'v5.1',
      tree: withChanges(result.tree, { 'closed/RedHat/code/my model/run.py': 'x', 'closed/RedHat/documentation/setup notes.md': 'x' }),
      errors: [
        { messageId: 'space', file: 'closed/RedHat/code/my model', unit: 'closed/RedHat', message: '"my model"' },
        { messageId: 'space', file: 'closed/RedHat/documentation/setup notes.md' },
      ],
    },
    {
      name: 'the official profile of the monolith rejects the submitter',
      round: 'v4.1',
      profile: 'official',
      tree: withChanges(result.tree, { [`${result.path}/accuracy/accuracy copy.txt`]: 'x' }),
      errors: [{ messageId: 'space', file: `${result.path}/accuracy/accuracy copy.txt` }],
    },
  ],
});

it('is off in the official profile of the modular rounds, whose checker does not look', () => {
  expect(selectRules([rule], { profile: 'official', round: 'v6.0' })).toEqual([]);
});
