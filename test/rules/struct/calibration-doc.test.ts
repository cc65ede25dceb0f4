import { expect, it } from 'vitest';
import { selectRules } from '../../../src/checkers/rule-selection.ts';
import rule from '../../../src/rules/struct/calibration-doc.ts';
import { realResult, withChanges, without } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

const closed = realResult('v5.1', 'closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b/Offline');
const atRoot = realResult('v5.1', 'closed/Broadcom_Supermicro/results/vSYS-422GA-NBRT-B200-SXM-180GBx8_TRT/stable-diffusion-xl/Offline');
const open = realResult('v5.1', 'open/NVIDIA/results/Jetson-Thor_TRT/llama3.1-8b-edge/SingleStream');
const withoutDocument = without(closed.tree, 'closed/RedHat/documentation/calibration.md');

testRule(rule, {
  valid: [
    { name: 'documentation/calibration.md', round: 'v5.1', tree: closed.tree },
    { name: 'calibration.md in the submitter folder', round: 'v5.1', tree: atRoot.tree },
    { name: 'the open division needs none', round: 'v5.1', tree: open.tree },
    { name: 'documentation/calibration.adoc, the name the submission rules give', round: 'v6.0', tree: withChanges(withoutDocument, { 'closed/RedHat/documentation/calibration.adoc': '= Calibration' }) },
  ],
  invalid: [
    {
      name: 'no calibration document',
      round: 'v5.1',
      tree: withoutDocument,
      errors: [{ messageId: 'missing', severity: 'warning', file: 'closed/RedHat', unit: 'closed/RedHat', message: 'calibration.md or documentation/calibration.md' }],
    },
    { name: 'a round whose data names no document falls back to the usual paths', round: 'v4.1', tree: withoutDocument, errors: [{ messageId: 'missing', file: 'closed/RedHat' }] },
    { name: 'the official profile of the v5.1 monolith rejects the submitter', round: 'v5.1', profile: 'official', tree: withoutDocument, errors: [{ messageId: 'missing', severity: 'error' }] },
    {
      name: 'the official profile does not know the .adoc name of the submission rules',
      round: 'v5.1',
      profile: 'official',
      tree: withChanges(withoutDocument, { 'closed/RedHat/documentation/calibration.adoc': '= Calibration' }),
      errors: [{ messageId: 'missing' }],
    },
  ],
});

it('is official only for v5.1: v4.1 had no check, v5.0 skipped it, the modular checker does not look', () => {
  for (const round of ['v4.1', 'v5.0', 'v6.0']) expect(selectRules([rule], { profile: 'official', round })).toEqual([]);
});
