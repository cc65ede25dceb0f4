import rule from '../../../src/rules/sys/meaningful-fields.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

const result = realResult('v4.1', 'closed/UntetherAI/results/h13_u1_slim/resnet50/offline');
const systemJson = 'closed/UntetherAI/systems/h13_u1_slim.json';
const withReplaced = (...replacements: [string, string][]) =>
  withChanges(result.tree, { [systemJson]: replacements.reduce((text, [from, to]) => text.replace(from, to), String(result.tree[systemJson])) });

testRule(rule, {
  valid: [
    { name: 'a real published system description', round: 'v4.1', tree: result.tree },
    { name: 'no accelerator, written as a string', round: 'v4.1', tree: withReplaced(['"accelerators_per_node": "1"', '"accelerators_per_node": "0"']) },
    { name: 'an empty field that needs no meaningful value', round: 'v4.1', tree: withReplaced(['"hw_notes": "SKU: sai240L-F-A-ES"', '"hw_notes": ""']) },
  ],
  invalid: [
    {
      name: 'a CPU-only system with the number 0 accelerators',
      round: 'v4.1',
      tree: withReplaced(['"accelerators_per_node": "1"', '"accelerators_per_node": 0']),
      errors: [{ messageId: 'zero', file: systemJson, line: 10, message: '"accelerators_per_node": "0"' }],
    },
    {
      name: 'empty and null fields, in the official profile of a modular round',
      round: 'v6.0',
      profile: 'official',
      tree: withReplaced(['"cooling": "air"', '"cooling": ""'], ['"system_name": "Supermicro SuperServer H13 (1x speedAI240 Slim)"', '"system_name": null']),
      errors: [
        { messageId: 'empty', file: systemJson, line: 11, message: '"cooling" is ""' },
        { messageId: 'empty', file: systemJson, line: 39, message: '"system_name" is null' },
      ],
    },
  ],
});
