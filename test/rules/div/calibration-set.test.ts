import rule from '../../../src/rules/div/calibration-set.ts';
import { testRule } from '../../support/rule-tester.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';

// UntetherAI v4.1: its calibration.md names ImageNet/cal_image_list_option_1.txt but lists no image.
const untether = realResult('v4.1', 'closed/UntetherAI/results/h13_u1_preview/resnet50/offline');
const document = 'closed/UntetherAI/calibration.md';
// Intel v4.1 has no calibration document: struct/calibration-doc says so, this rule has nothing to read.
const intel = realResult('v4.1', 'closed/Intel/results/1-node-2S-EMR-PyTorch/resnet50/Offline');

/** A calibration document that lists these images. */
const listing = (images: readonly string[]): string => `# Calibration\n\nWe calibrated on these images of the official list:\n\n${images.map((image) => `- ${image}`).join('\n')}\n`;
const optionOne = ['ILSVRC2012_val_00027145.JPEG', 'ILSVRC2012_val_00042168.JPEG', 'ILSVRC2012_val_00041705.JPEG'];
const optionTwo = ['ILSVRC2012_val_00031333.JPEG', 'ILSVRC2012_val_00004655.JPEG'];
// In neither list: a validation image the calibration may not use.
const validationOnly = 'ILSVRC2012_val_00000001.JPEG';

testRule(rule, {
  valid: [
    { name: 'no calibration document (struct/calibration-doc reports it)', round: 'v4.1', tree: intel.tree },
    { name: 'the official profile does not run it', round: 'v4.1', profile: 'official', tree: withChanges(untether.tree, { [document]: listing([validationOnly]) }) },
  ],
  invalid: [
    {
      name: 'a real document that names the list but no image',
      round: 'v4.1',
      tree: untether.tree,
      errors: [{ messageId: 'cannotVerify', file: document, severity: 'info', message: 'The calibration samples of resnet50 cannot be checked against the official lists (names ImageNet/cal_image_list_option_1.txt but no sample identifier' }],
    },
    {
      name: 'images of one official list: coverage',
      round: 'v4.1',
      tree: withChanges(untether.tree, { [document]: listing(optionOne) }),
      errors: [{ messageId: 'coverage', severity: 'info', message: 'declares 3 calibration samples for resnet50, all in the official list ImageNet/cal_image_list_option_1.txt (0.6 % of its 500 samples)' }],
    },
    {
      name: 'a validation image that is in no calibration list',
      round: 'v4.1',
      tree: withChanges(untether.tree, { [document]: listing([...optionOne, validationOnly]) }),
      errors: [{ messageId: 'outsideLists', file: document, severity: 'error', message: `declares 4 calibration samples for resnet50, of which 1 are in no official calibration list of it: ${validationOnly}.` }],
    },
    {
      name: 'images of both ImageNet options',
      round: 'v4.1',
      tree: withChanges(untether.tree, { [document]: listing([...optionOne, ...optionTwo]) }),
      errors: [{ messageId: 'severalLists', severity: 'error', message: 'ImageNet/cal_image_list_option_1.txt: 3, ImageNet/cal_image_list_option_2.txt: 2' }],
    },
  ],
});
