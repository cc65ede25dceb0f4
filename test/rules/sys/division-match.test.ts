import rule from '../../../src/rules/sys/division-match.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

const result = realResult('v5.1', 'closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b/Offline');
const systemJson = 'closed/RedHat/systems/XE8640_4xH100_vLLM.json';
const text = String(result.tree[systemJson]);
const line = text.slice(0, text.indexOf('"division"')).split('\n').length;
const withDivision = (value: string) => withChanges(result.tree, { [systemJson]: text.replace(/"division"\s*:\s*"closed"/, `"division": ${value}`) });

testRule(rule, {
  valid: [
    { name: 'a real published system description', round: 'v5.1', tree: result.tree },
    { name: 'a capitalised division passes the modular checker', round: 'v6.0', profile: 'official', tree: withDivision('"Closed"') },
  ],
  invalid: [
    {
      name: 'another division',
      round: 'v5.1',
      tree: withDivision('"open"'),
      errors: [{ messageId: 'mismatch', file: systemJson, line, message: '"division" is "open", but the system is filed under the "closed" division folder' }],
    },
    {
      name: 'a capitalised division fails the monolith',
      round: 'v5.1',
      profile: 'official',
      tree: withDivision('"Closed"'),
      errors: [{ messageId: 'mismatch', file: systemJson, line }],
    },
    {
      name: 'a capitalised division in the recommended profile of a modular round',
      round: 'v6.0',
      tree: withDivision('"Closed"'),
      errors: [{ messageId: 'mismatch', file: systemJson, line, message: 'Write "closed" exactly' }],
    },
  ],
});
