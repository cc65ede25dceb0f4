import rule from '../../../src/rules/struct/code-dir.ts';
import { realResult, without, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

const monolith = realResult('v4.1', 'closed/Intel/results/1-node-2S-EMR-PyTorch/resnet50/Offline');
const codeFolder = 'closed/Intel/code/resnet50';
const modular = realResult('v6.0', 'closed/RedHat/results/8xH200_whisper/whisper/Offline');

testRule(rule, {
  valid: [
    { name: 'a real published result with code/<benchmark>', round: 'v4.1', tree: monolith.tree },
    {
      name: 'code/<benchmark> as a file naming the code folder',
      round: 'v4.1',
      tree: withChanges(without(monolith.tree, codeFolder), { [codeFolder]: 'resnet\n', 'closed/Intel/code/resnet/README.md': 'code' }),
    },
    { name: 'a real published result with src/', round: 'v6.0', profile: 'official', tree: modular.tree },
  ],
  invalid: [
    {
      name: 'code/<benchmark> removed',
      round: 'v4.1',
      profile: 'official',
      tree: without(monolith.tree, codeFolder),
      errors: [{ messageId: 'missing', file: codeFolder, unit: monolith.path, message: `${codeFolder} is missing` }],
    },
    {
      name: 'code/<benchmark> as a file naming a folder that does not exist',
      round: 'v4.1',
      profile: 'official',
      tree: withChanges(without(monolith.tree, codeFolder), { [codeFolder]: 'resnet-int8\n' }),
      errors: [{ messageId: 'pointerToNothing', file: codeFolder, line: 1, message: 'closed/Intel/code/resnet-int8 does not exist' }],
    },
    {
      name: 'src/ removed in a modular round',
      round: 'v6.0',
      tree: without(modular.tree, 'closed/RedHat/src'),
      errors: [{ messageId: 'missing', file: 'closed/RedHat/src', unit: modular.path }],
    },
  ],
});
