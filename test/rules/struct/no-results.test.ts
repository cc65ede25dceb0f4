import rule from '../../../src/rules/struct/no-results.ts';
import { testRule } from '../../support/rule-tester.ts';

testRule(rule, {
  valid: [{ name: 'one result folder', round: 'v6.0', tree: { 'open/Org/results/sys/resnet50/Offline/README.md': 'r' } }],
  invalid: [
    {
      name: 'a submitter folder passed instead of the submission root',
      round: 'v6.0',
      tree: { 'results/sys/resnet50/Offline/README.md': 'r', 'systems/sys.json': '{}' },
      errors: [{ messageId: 'noDivision', file: '', unit: '' }],
    },
    {
      name: 'divisions without results',
      round: 'v5.1',
      tree: { 'closed/Org/systems/sys.json': '{}', 'open/.keep': { directory: true } },
      errors: [{ messageId: 'noResult', message: 'closed/, open/' }],
    },
  ],
});
