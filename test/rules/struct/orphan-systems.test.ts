import { expect, it } from 'vitest';
import { selectRules } from '../../../src/checkers/rule-selection.ts';
import rule from '../../../src/rules/struct/orphan-systems.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

const result = realResult('v6.0', 'closed/RedHat/results/8xH200_whisper/whisper/Offline');
const systemJson = 'closed/RedHat/systems/8xH200_whisper.json';
const orphan = 'closed/RedHat/systems/8xH100_whisper.json';
const withOrphan = withChanges(result.tree, { [orphan]: result.tree[systemJson] });

testRule(rule, {
  valid: [
    { name: 'a real published system with its results', round: 'v6.0', tree: result.tree },
    { name: 'a nameplate file beside the description', round: 'v6.1', tree: withChanges(result.tree, { 'closed/RedHat/systems/8xH200_whisper_power.yaml': 'PSUs: []' }) },
  ],
  invalid: [
    {
      name: 'a description of a system that has no results',
      round: 'v6.0',
      tree: withOrphan,
      errors: [{ messageId: 'noResults', severity: 'warning', file: orphan, unit: 'closed/RedHat', message: 'results/8xH100_whisper' }],
    },
    {
      name: 'the official profile of the v5.1 monolith rejects the submitter',
      round: 'v5.1',
      profile: 'official',
      tree: withOrphan,
      errors: [{ messageId: 'noResults', severity: 'error', file: orphan }],
    },
  ],
});

it('is official only for v5.1: earlier checkers did not have it and the modular checker dropped it', () => {
  expect(selectRules([rule], { profile: 'official', round: 'v5.0' })).toEqual([]);
  expect(selectRules([rule], { profile: 'official', round: 'v6.0' })).toEqual([]);
});
