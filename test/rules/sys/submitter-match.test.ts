import rule from '../../../src/rules/sys/submitter-match.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

const result = realResult('v4.1', 'closed/UntetherAI/results/h13_u1_slim/resnet50/offline');
const systemJson = 'closed/UntetherAI/systems/h13_u1_slim.json';
const withSubmitter = (value: string) => withChanges(result.tree, { [systemJson]: String(result.tree[systemJson]).replace('"submitter": "UntetherAI"', `"submitter": ${value}`) });

testRule(rule, {
  valid: [
    { name: 'a real published system description', round: 'v4.1', tree: result.tree },
    { name: 'the folder name in another case', round: 'v4.1', profile: 'official', tree: withSubmitter('"untetherai"') },
  ],
  invalid: [
    {
      name: 'another organisation',
      round: 'v4.1',
      tree: withSubmitter('"Krai"'),
      errors: [{ messageId: 'mismatch', file: systemJson, line: 37, message: '"submitter" is "Krai", but the system is filed under the submitter folder "UntetherAI"' }],
    },
    {
      name: 'a value that is not a string, in the official profile of a modular round',
      round: 'v6.0',
      profile: 'official',
      tree: withSubmitter('["UntetherAI"]'),
      errors: [{ messageId: 'mismatch', file: systemJson, line: 37, message: '["UntetherAI"]' }],
    },
  ],
});
