import rule from '../../../src/rules/pwr/file-lists.ts';
import { realResult, withChanges, without } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';
import { offline, performanceFile, ROUND } from './power-result.ts';

const withoutRunSpl = withChanges(offline.tree, { [performanceFile(offline, 'run_1/spl.txt')]: undefined });

testRule(rule, {
  valid: [
    { name: 'a real power result', round: ROUND, tree: offline.tree },
    { name: 'a result without power measurement', round: ROUND, tree: realResult(ROUND, 'closed/UntetherAI/results/h13_u1_slim/resnet50/offline').tree },
    // Outside the modular checker's official verdicts, struct/perf-files compares run_1.
    { name: 'run_1 is left to struct/perf-files in the recommended profile', round: 'v6.0', tree: withoutRunSpl },
  ],
  invalid: [
    {
      name: 'the ranging run without its spl.txt',
      round: ROUND,
      tree: withChanges(offline.tree, { [performanceFile(offline, 'ranging/spl.txt')]: undefined }),
      errors: [{ messageId: 'missingFile', file: performanceFile(offline, 'ranging'), message: 'ranging has no spl.txt', unit: offline.path }],
    },
    {
      name: 'a power folder with a file missing and one too many',
      round: ROUND,
      tree: withChanges(offline.tree, { [performanceFile(offline, 'power/client.log')]: undefined, [performanceFile(offline, 'power/notes.txt')]: 'x' }),
      errors: [
        { messageId: 'missingFile', file: performanceFile(offline, 'power'), message: 'client.log' },
        { messageId: 'unexpectedFile', file: performanceFile(offline, 'power/notes.txt') },
      ],
    },
    {
      name: 'no ranging folder',
      round: ROUND,
      tree: without(offline.tree, performanceFile(offline, 'ranging')),
      errors: [{ messageId: 'missingFolder', file: `${offline.path}/performance`, message: 'no performance/ranging folder' }],
    },
    {
      // The modular checker compares run_1 only in its power check.
      name: 'run_1 without spl.txt, for the modular checker',
      round: 'v6.0',
      profile: 'official',
      tree: withoutRunSpl,
      errors: [{ messageId: 'missingFile', file: performanceFile(offline, 'run_1'), message: 'run_1 has no spl.txt' }],
    },
  ],
});
