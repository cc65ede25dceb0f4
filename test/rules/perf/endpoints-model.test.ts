import rule from '../../../src/rules/perf/endpoints-model.ts';
import { endpointsResult, QWEN_OFFLINE_SPEC, qwenEndpoints } from '../../support/endpoints.ts';
import { realResult } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

const qwen = qwenEndpoints();
// whisper is not one of the models the v6.1 checker accepts endpoints results for.
const whisperSource = 'closed/RedHat/results/8xH200_whisper/whisper/Offline';
const whisper = endpointsResult(whisperSource, 'Offline', { ...QWEN_OFFLINE_SPEC, modelName: 'openai/whisper-large-v3', datasetName: 'librispeech', samples: 1633 });

testRule(rule, {
  valid: [
    { name: 'a v6.1 endpoints result of an allowed model', round: 'v6.1', profile: 'official', tree: qwen.tree },
    { name: 'a LoadGen result of any model', round: 'v6.1', tree: realResult('v6.0', whisperSource).tree },
    { name: 'v6.0 has no endpoints results', round: 'v6.0', tree: whisper.tree },
  ],
  invalid: [
    {
      name: 'a v6.1 endpoints result of whisper',
      round: 'v6.1',
      profile: 'official',
      tree: whisper.tree,
      errors: [{ messageId: 'notAllowed', file: whisper.path, unit: whisper.path, message: 'not for whisper' }],
    },
  ],
});
