import { expect, it } from 'vitest';
import { selectRules } from '../../../src/checkers/rule-selection.ts';
import rule from '../../../src/rules/struct/pycache.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

const result = realResult('v5.1', 'closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b/Offline');
const code = 'closed/RedHat/code/llama3.1-8b';

testRule(rule, {
  valid: [
    { name: 'a real published result', round: 'v5.1', tree: result.tree },
    { name: 'a source file named after the cache', round: 'v5.1', tree: withChanges(result.tree, { [`${code}/__pycache__.md`]: 'x' }) },
  ],
  invalid: [
    {
      name: 'a bytecode cache is reported once, with nothing inside it',
      round: 'v5.1',
      tree: withChanges(result.tree, { [`${code}/__pycache__/main.cpython-311.pyc`]: 'x', [`${code}/__pycache__/__pycache__/x.pyc`]: 'x' }),
      errors: [{ messageId: 'pycache', file: `${code}/__pycache__`, unit: 'closed/RedHat' }],
    },
    {
      name: 'the official profile tests the end of the path, as the monolith does',
      round: 'v4.1',
      profile: 'official',
      tree: withChanges(result.tree, { [`${code}/old__pycache__/x.pyc`]: 'x' }),
      errors: [{ messageId: 'pycache', file: `${code}/old__pycache__` }],
    },
  ],
});

it('is off in the official profile of the modular rounds, whose checker does not look', () => {
  expect(selectRules([rule], { profile: 'official', round: 'v6.0' })).toEqual([]);
});
