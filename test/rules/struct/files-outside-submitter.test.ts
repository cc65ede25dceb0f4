import { expect, it } from 'vitest';
import { selectRules } from '../../../src/checkers/rule-selection.ts';
import rule from '../../../src/rules/struct/files-outside-submitter.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

const result = realResult('v5.1', 'closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b/Offline');

testRule(rule, {
  valid: [{ name: 'a real published submission', round: 'v5.1', tree: result.tree }],
  invalid: [
    {
      name: 'notes and a Finder file beside the submitter folders',
      round: 'v5.1',
      tree: withChanges(result.tree, { 'closed/README.md': '# notes', 'closed/.DS_Store': 'x' }),
      errors: [
        { messageId: 'fileInDivision', file: 'closed/.DS_Store', unit: 'closed' },
        { messageId: 'fileInDivision', file: 'closed/README.md', unit: 'closed' },
      ],
    },
    {
      name: 'the official profile of the monolith rejects the division',
      round: 'v4.1',
      profile: 'official',
      tree: withChanges(result.tree, { 'closed/results.tar.gz': 'x' }),
      errors: [{ messageId: 'fileInDivision', file: 'closed/results.tar.gz' }],
    },
  ],
});

it('is off in the official profile of the modular rounds, whose checker does not look', () => {
  expect(selectRules([rule], { profile: 'official', round: 'v6.0' })).toEqual([]);
});
