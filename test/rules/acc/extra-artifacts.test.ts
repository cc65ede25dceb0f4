import rule from '../../../src/rules/acc/extra-artifacts.ts';
import { realResult, withChanges, without } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

const IDS_V41 = ['4655', '2569', '1303', '109', '4509', '3009', '2179', '1826', '2094', '3340'];
const sdxl = realResult('v4.1', 'closed/Google/results/DGX-H100_H100-SXM-80GBx8_TRT/stable-diffusion-xl/Offline');
const images = `${sdxl.path}/accuracy/images`;
const withImages = (ids: readonly string[]) => withChanges(sdxl.tree, Object.fromEntries([...ids.map((id) => [`${images}/${id}.png`, 'png']), [`${images}/captions.txt`, 'a cat\n']]));
const openSdxl = realResult('v4.1', 'open/NVIDIA/results/H200-SXM-141GBx1_TRT_LCM/stable-diffusion-xl/Offline');
const wan = realResult('v6.0', 'open/Krai/results/h200_n1-kissv/wan-2.2-t2v-a14b/offline');
const whisper = realResult('v6.0', 'closed/RedHat/results/8xH200_whisper/whisper/Offline');

testRule(rule, {
  valid: [
    { name: 'every image present', round: 'v4.1', profile: 'official', tree: withImages(IDS_V41) },
    { name: 'ids are compared by the text before the first dot', round: 'v4.1', tree: withChanges(sdxl.tree, Object.fromEntries(IDS_V41.map((id) => [`${images}/${id}.sample.jpg`, 'jpg']))) },
    { name: 'official v4.1: the monolith lets an open result without images through', round: 'v4.1', profile: 'official', tree: openSdxl.tree },
    { name: 'models without extra artefacts', round: 'v6.0', tree: whisper.tree },
    { name: 'a missing accuracy folder is left to struct/accuracy-txt', round: 'v4.1', tree: without(sdxl.tree, `${sdxl.path}/accuracy`) },
  ],
  invalid: [
    {
      name: 'no images folder (as published)',
      round: 'v4.1',
      profile: 'official',
      tree: sdxl.tree,
      errors: [{ messageId: 'missingFolder', file: `${sdxl.path}/accuracy`, unit: sdxl.path, message: 'accuracy/images/ is missing' }],
    },
    {
      name: 'two images missing',
      round: 'v4.1',
      tree: withImages(IDS_V41.filter((id) => id !== '109' && id !== '3340')),
      errors: [{ messageId: 'missingFiles', file: images, message: 'lacks the outputs of samples 109, 3340' }],
    },
    {
      name: 'official v6.0: open Wan-2.2 results need their videos too (modular)',
      round: 'v6.0',
      profile: 'official',
      tree: wan.tree,
      errors: [{ messageId: 'missingFolder', file: `${wan.path}/accuracy`, message: 'accuracy/videos/ is missing' }],
    },
  ],
});
