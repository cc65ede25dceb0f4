import rule from '../../../src/rules/sys/status.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

const result = realResult('v4.1', 'closed/UntetherAI/results/h13_u1_slim/resnet50/offline');
const systemJson = 'closed/UntetherAI/systems/h13_u1_slim.json';
const withStatus = (value: string) => withChanges(result.tree, { [systemJson]: String(result.tree[systemJson]).replace('"status": "available"', `"status": ${value}`) });

testRule(rule, {
  valid: [
    { name: 'a real published system description', round: 'v4.1', tree: result.tree },
    { name: 'the status in another case', round: 'v4.1', tree: withStatus('"Preview"') },
    { name: 'research, development or internal', round: 'v4.1', tree: withStatus('"RDI"') },
  ],
  invalid: [
    {
      name: 'a status that is not an availability category',
      round: 'v4.1',
      tree: withStatus('"GA"'),
      errors: [{ messageId: 'invalid', file: systemJson, line: 36, message: '"status" is "GA"' }],
    },
    {
      name: 'a status that is not a string, in the official profile',
      round: 'v4.1',
      profile: 'official',
      tree: withStatus('1'),
      errors: [{ messageId: 'invalid', file: systemJson, line: 36, message: '"available", "preview" or "rdi"' }],
    },
  ],
});
