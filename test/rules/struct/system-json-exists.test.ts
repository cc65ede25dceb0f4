import rule from '../../../src/rules/struct/system-json-exists.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

const result = realResult('v6.0', 'closed/RedHat/results/8xH200_whisper/whisper/Offline');
const systemJson = 'closed/RedHat/systems/8xH200_whisper.json';
const systemPath = 'closed/RedHat/results/8xH200_whisper';

testRule(rule, {
  valid: [{ name: 'a real published system', round: 'v6.0', tree: result.tree }],
  invalid: [
    {
      name: 'the description removed',
      round: 'v5.1',
      tree: withChanges(result.tree, { [systemJson]: undefined }),
      errors: [{ messageId: 'missing', file: 'closed/RedHat/systems', unit: systemPath, message: systemJson }],
    },
    {
      name: 'a description whose name differs in letter case',
      round: 'v6.0',
      tree: withChanges(result.tree, { [systemJson]: undefined, 'closed/RedHat/systems/8xh200_whisper.json': result.tree[systemJson] }),
      errors: [{ messageId: 'wrongCase', file: 'closed/RedHat/systems', message: '"8xh200_whisper.json"' }],
    },
    {
      name: 'the official profile of the modular checker, which crashes on it',
      round: 'v6.0',
      profile: 'official',
      tree: withChanges(result.tree, { [systemJson]: undefined }),
      errors: [{ messageId: 'missing', unit: systemPath }],
    },
  ],
});
