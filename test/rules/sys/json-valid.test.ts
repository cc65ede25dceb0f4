import rule from '../../../src/rules/sys/json-valid.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

const result = realResult('v4.1', 'closed/UntetherAI/results/h13_u1_slim/resnet50/offline');
const systemJson = 'closed/UntetherAI/systems/h13_u1_slim.json';
const text = String(result.tree[systemJson]);
const withText = (content: string | Buffer) => withChanges(result.tree, { [systemJson]: content });

testRule(rule, {
  valid: [
    { name: 'a real published system description', round: 'v4.1', tree: result.tree },
    { name: 'a missing description is left to struct/system-json-exists', round: 'v4.1', tree: withChanges(result.tree, { [systemJson]: undefined }) },
  ],
  invalid: [
    {
      name: 'a trailing comma after the last field',
      round: 'v4.1',
      tree: withText(text.replace('"workstation"\n}', '"workstation",\n}')),
      errors: [{ messageId: 'invalid', file: systemJson, line: 42, message: 'is not valid JSON' }],
    },
    {
      name: 'a list instead of an object',
      round: 'v4.1',
      tree: withText(`[\n${text}]\n`),
      errors: [{ messageId: 'invalid', file: systemJson, line: 1, message: 'must hold a JSON object' }],
    },
    {
      name: 'a binary file, in the official profile of a modular round',
      round: 'v6.0',
      profile: 'official',
      tree: withText(Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00])),
      errors: [{ messageId: 'invalid', file: systemJson, unit: 'closed/UntetherAI/results/h13_u1_slim', message: 'binary' }],
    },
  ],
});
