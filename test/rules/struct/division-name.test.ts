import { expect, it } from 'vitest';
import { selectRules } from '../../../src/checkers/rule-selection.ts';
import rule from '../../../src/rules/struct/division-name.ts';
import { testRule } from '../../support/rule-tester.ts';

const submission = { 'closed/Org/systems/sys.json': '{}', 'open/Org/systems/sys.json': '{}' };

testRule(rule, {
  valid: [
    {
      name: 'divisions and the repository folders the results repository keeps',
      round: 'v5.1',
      tree: { ...submission, 'network/Org/systems/sys.json': '{}', '.git/HEAD': 'ref', '.github/workflows/check.yml': 'on: push', 'assets/logo.png': 'png' },
    },
  ],
  invalid: [
    {
      name: 'a division in the wrong letter case',
      round: 'v6.0',
      tree: { ...submission, 'Closed/Other/systems/sys.json': '{}' },
      errors: [{ messageId: 'wrongCase', file: 'Closed', unit: '', message: 'Rename it to "closed"' }],
    },
    {
      name: 'a folder that is no division',
      round: 'v5.1',
      tree: { ...submission, 'results/sys/resnet50/Offline/README.md': 'r' },
      errors: [{ messageId: 'unknown', file: 'results', severity: 'error' }],
    },
    {
      name: 'the official profile of the monolith only warns',
      round: 'v4.1',
      profile: 'official',
      tree: { ...submission, 'Open/Org/systems/sys.json': '{}' },
      errors: [{ messageId: 'wrongCase', file: 'Open', severity: 'warning' }],
    },
  ],
});

it('is off in the official profile of the modular rounds, whose checker skips such folders silently', () => {
  expect(selectRules([rule], { profile: 'official', round: 'v6.0' })).toEqual([]);
});
