import { readFileSync } from 'node:fs';
import path from 'node:path';
import rule from '../../../src/rules/meas/power-files.ts';
import { testRule } from '../../support/rule-tester.ts';
import { realResult, sharedInference, withChanges } from '../../support/shared-data.ts';

// A real v4.1 power result; its analyzer table and power settings sit two folders above its measurements folder.
const power = realResult('v4.1', 'closed/UntetherAI/results/h13_u3_slim/resnet50/offline');
const systemFolder = 'closed/UntetherAI/measurements/h13_u3_slim';
const measurements = `${systemFolder}/resnet50/offline`;
const shared = (file: string) => readFileSync(path.join(sharedInference('v4.1'), file));
const tree = withChanges(power.tree, {
  [`${systemFolder}/analyzer_table.md`]: shared(`${systemFolder}/analyzer_table.md`),
  [`${systemFolder}/power_settings.md`]: shared(`${systemFolder}/power_settings.md`),
});
const notPower = realResult('v4.1', 'closed/ConnectTechInc/results/Orin_TRT/gptj-99/Offline');

testRule(rule, {
  valid: [
    { name: 'a real v4.1 power result', round: 'v4.1', tree },
    { name: 'a result without power measurements', round: 'v4.1', tree: notPower.tree },
    {
      name: 'official: the monolith checks only the last match (the system folder’s), not an empty one nearer',
      round: 'v4.1',
      profile: 'official',
      tree: withChanges(tree, { [`${measurements}/power_settings.txt`]: '' }),
    },
  ],
  invalid: [
    {
      name: 'no analyzer table anywhere up to the measurements root',
      round: 'v4.1',
      profile: 'official',
      tree: withChanges(tree, { [`${systemFolder}/analyzer_table.md`]: undefined }),
      errors: [{ messageId: 'missing', file: measurements, unit: power.path, message: 'analyzer_table.*' }],
    },
    {
      name: 'recommended: the nearest power settings file is empty',
      round: 'v4.1',
      tree: withChanges(tree, { [`${measurements}/power_settings.txt`]: '' }),
      errors: [{ messageId: 'empty', file: `${measurements}/power_settings.txt` }],
    },
    {
      name: 'official: the last match in the search (the system folder’s) is empty',
      round: 'v4.1',
      profile: 'official',
      tree: withChanges(tree, { [`${measurements}/analyzer_table.pdf`]: 'table', [`${systemFolder}/analyzer_table.md`]: '' }),
      errors: [{ messageId: 'empty', file: `${systemFolder}/analyzer_table.md` }],
    },
  ],
});
