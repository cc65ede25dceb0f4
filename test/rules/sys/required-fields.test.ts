import rule from '../../../src/rules/sys/required-fields.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

const result = realResult('v6.0', 'closed/RedHat/results/8xH200_whisper/whisper/Offline');
const systemJson = 'closed/RedHat/systems/8xH200_whisper.json';
const description = JSON.parse(String(result.tree[systemJson])) as Record<string, unknown>;
const withDescription = (json: Record<string, unknown>) => withChanges(result.tree, { [systemJson]: JSON.stringify(json, null, 2) });
const { cooling: _cooling, ...withoutCooling } = description;

testRule(rule, {
  valid: [
    { name: 'a real published system description', round: 'v6.0', tree: result.tree },
    { name: 'a network system with its network fields', round: 'v6.0', tree: withDescription({ ...description, is_network: 'false' }) },
  ],
  invalid: [
    {
      name: 'a required field removed',
      round: 'v6.0',
      tree: withDescription(withoutCooling),
      errors: [{ messageId: 'missing', file: systemJson, line: 1, message: '"cooling"' }],
    },
    {
      name: 'a network system without the network fields',
      round: 'v6.0',
      tree: withDescription({ ...description, is_network: 'True' }),
      errors: Array.from({ length: 12 }, () => ({ messageId: 'missingNetwork' })),
    },
  ],
});
