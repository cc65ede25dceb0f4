import { describe, expect, it } from 'vitest';
import { FileLoader } from '../../../src/checkers/file-loader.ts';
import { runRules } from '../../../src/checkers/run-rules.ts';
import { loadRound } from '../../../src/rounds/load-round.ts';
import type { RoundData } from '../../../src/rounds/types.ts';
import rule from '../../../src/rules/comp/verify-performance.ts';
import type { Profile } from '../../../src/rules/rule.ts';
import { MemoryFs } from '../../../src/tree/memory-fs.ts';
import { SubmissionIndex } from '../../../src/tree/submission-index.ts';
import { discoverUnits } from '../../../src/tree/units.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule, type Tree } from '../../support/rule-tester.ts';

const resnet = realResult('v4.1', 'closed/Intel/results/1-node-2S-EMR-PyTorch/resnet50/Offline');
const test04Report = 'closed/Intel/compliance/1-node-2S-EMR-PyTorch/resnet50/Offline/TEST04/verify_performance.txt';
const wan = realResult('v6.0', 'closed/Krai/results/h200_n1-kissv/wan-2.2-t2v-a14b/offline');
const wanReport = `${wan.path}/TEST04/verify_performance.txt`;
const failing = 'Verifying performance.\nreference score = 240030.57\ntest score = 330000.0\nTEST FAIL: Test score invalid\n';
// "TEST PASS" in a line that is not the verdict: the official checkers accept it, the recommended profile does not.
const passInsideFailure = 'Verifying performance.\nTEST PASS threshold = 10%\nTEST FAIL: Test score invalid\n';

testRule(rule, {
  valid: [
    { name: 'a real result with TEST01, TEST04 and TEST05', round: 'v4.1', tree: resnet.tree },
    { name: 'a real TEST04 in the result folder', round: 'v6.0', tree: wan.tree },
    { name: 'the official checkers find TEST PASS anywhere', round: 'v4.1', profile: 'official', tree: withChanges(resnet.tree, { [test04Report]: passInsideFailure }) },
    { name: 'a failing TEST05 is left to comp/test05', round: 'v4.1', tree: withChanges(resnet.tree, { [test04Report.replace('TEST04', 'TEST05')]: failing }) },
  ],
  invalid: [
    {
      name: 'TEST04 failed (monolith round)',
      round: 'v4.1',
      profile: 'official',
      tree: withChanges(resnet.tree, { [test04Report]: failing }),
      errors: [{ messageId: 'failed', file: test04Report, line: 4, unit: resnet.path, message: 'it says "TEST FAIL: Test score invalid"' }],
    },
    {
      name: 'TEST04 without any verdict (modular round)',
      round: 'v6.0',
      profile: 'official',
      tree: withChanges(wan.tree, { [wanReport]: 'Verifying performance.\n' }),
      errors: [{ messageId: 'failed', file: wanReport, message: 'it has no TEST PASS line' }],
    },
    {
      name: 'the recommended profile reads the verdict line',
      round: 'v4.1',
      tree: withChanges(resnet.tree, { [test04Report]: passInsideFailure }),
      errors: [{ messageId: 'failed', file: test04Report, line: 3 }],
    },
    {
      name: 'a report Python cannot decode',
      round: 'v6.0',
      tree: withChanges(wan.tree, { [wanReport]: Buffer.from([0x54, 0x45, 0x53, 0x54, 0xff, 0x0a]) }),
      errors: [{ messageId: 'unreadable', file: wanReport, message: 'is not UTF-8 text' }],
    },
  ],
});

/** Runs the rule on a tree with a round whose data the test changed. */
async function findings(tree: Tree, round: RoundData, profile: Profile): Promise<string[]> {
  const fs = new MemoryFs(tree);
  const index = new SubmissionIndex(await fs.walk());
  const diagnostics = await runRules({ units: discoverUnits(index, round), index, loader: new FileLoader(fs, index), round, profile, rules: [{ rule, severity: 'error' }] });
  return diagnostics.map((diagnostic) => diagnostic.file);
}

describe('comp/verify-performance with TEST06 in the model\'s list', () => {
  // No round lists TEST06 beside a test with a performance run, so the monolith's quirk is tested on changed data.
  const base = loadRound('v4.1');
  const round: RoundData = { ...base, models: { ...base.models, resnet: { ...(base.models['resnet'] as RoundData['models'][string]), complianceTests: ['TEST01', 'TEST04', 'TEST06'] } } };
  const tree = withChanges(resnet.tree, { [test04Report]: failing });

  it('is skipped by the monolith in the official profile (the presence of TEST06 skips every performance check)', async () => {
    expect(await findings(tree, round, 'official')).toEqual([]);
  });

  it('is still checked in the recommended profile', async () => {
    expect(await findings(tree, round, 'recommended')).toEqual([test04Report]);
  });
});
