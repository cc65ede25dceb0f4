import rule from '../../../src/rules/sys/system-type.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

const result = realResult('v4.1', 'closed/UntetherAI/results/h13_u1_slim/resnet50/offline');
const systemJson = 'closed/UntetherAI/systems/h13_u1_slim.json';
const withSystemType = (value: string) => withChanges(result.tree, { [systemJson]: String(result.tree[systemJson]).replace('"system_type": "edge"', `"system_type": ${value}`) });

testRule(rule, {
  valid: [
    { name: 'a real published system description', round: 'v4.1', tree: result.tree },
    { name: 'both categories, edge first', round: 'v4.1', tree: withSystemType('"edge,datacenter"') },
  ],
  invalid: [
    {
      name: 'a capitalised category',
      round: 'v4.1',
      tree: withSystemType('"Edge"'),
      errors: [{ messageId: 'invalid', file: systemJson, line: 40, message: '"system_type" is "Edge"' }],
    },
    {
      name: 'a space after the comma, in the official profile of a modular round',
      round: 'v6.0',
      profile: 'official',
      tree: withSystemType('"datacenter, edge"'),
      errors: [{ messageId: 'invalid', file: systemJson, line: 40, message: '"datacenter,edge"' }],
    },
  ],
});
