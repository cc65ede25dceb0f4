import rule from '../../../src/rules/struct/root-extra-files.ts';
import { testRule } from '../../support/rule-tester.ts';

const submission = { 'closed/Org/systems/sys.json': '{}' };

testRule(rule, {
  valid: [
    { name: 'only division folders and documents at the root', round: 'v5.1', tree: { ...submission, 'README.md': '# notes', 'policies.pdf': '%PDF' } },
    { name: 'the official profile of a modular round does not look', round: 'v6.0', profile: 'official', tree: { ...submission, 'notes.txt': 'x' } },
  ],
  invalid: [
    {
      name: 'a stray file at the root',
      round: 'v5.1',
      tree: { ...submission, 'notes.txt': 'x', 'README.md': '# ok' },
      errors: [{ messageId: 'extraFile', file: 'notes.txt', unit: '' }],
    },
    {
      name: 'the official profile of the monolith rejects it too',
      round: 'v4.1',
      profile: 'official',
      tree: { ...submission, 'submission.tar.gz': 'x' },
      errors: [{ messageId: 'extraFile', file: 'submission.tar.gz' }],
    },
  ],
});
