import { expect, it } from 'vitest';
import { selectRules } from '../../../src/checkers/rule-selection.ts';
import rule from '../../../src/rules/struct/results-dir.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

const result = realResult('v6.0', 'closed/RedHat/results/8xH200_whisper/whisper/Offline');

testRule(rule, {
  valid: [{ name: 'a real published submission', round: 'v6.0', tree: result.tree }],
  invalid: [
    {
      name: 'a submitter folder with a system description but no results',
      round: 'v6.0',
      tree: withChanges(result.tree, { 'closed/Other/systems/sys.json': '{}' }),
      errors: [{ messageId: 'missing', file: 'closed/Other', unit: 'closed/Other', message: 'closed/Other/results' }],
    },
    {
      name: 'the official profile of the modular checker, which crashes on it',
      round: 'v6.0',
      profile: 'official',
      tree: withChanges(result.tree, { 'open/Other/Results/sys/whisper/Offline/README.md': 'r' }),
      errors: [{ messageId: 'missing', file: 'open/Other' }],
    },
  ],
});

it('is off in the official profile of the monolith rounds, whose checker skips the submitter silently', () => {
  expect(selectRules([rule], { profile: 'official', round: 'v5.1' })).toEqual([]);
});
