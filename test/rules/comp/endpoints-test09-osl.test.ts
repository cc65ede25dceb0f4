import rule from '../../../src/rules/comp/endpoints-test09-osl.ts';
import { GPT_OSS_OFFLINE_SPEC, GPT_OSS_ONLINE_SPEC, gptOssEndpoints, withJson } from '../../support/endpoints.ts';
import { testRule } from '../../support/rule-tester.ts';
import { moved } from '../../support/tree-edits.ts';

const gptOss = gptOssEndpoints();
const short = gptOssEndpoints(undefined, { ...GPT_OSS_ONLINE_SPEC, meanOutputTokens: 1100.5 });
const shortSummary = `${short.online}/performance/result_summary.json`;
// e2e-rag-qna's own TEST09 bounds are 246.43-301.19; the official endpoints check applies gpt-oss-120b's (1150.38-1406.02).
const ragBenchmark = 'closed/RedHat/results/8xB200-LLM-D-Openshift/e2e-rag-qna';
const ragOutputs = { meanOutputTokens: 273.81 };
const rag = moved(
  gptOssEndpoints({ ...GPT_OSS_OFFLINE_SPEC, ...ragOutputs }, { ...GPT_OSS_ONLINE_SPEC, ...ragOutputs }).tree,
  'closed/RedHat/results/8xB200-LLM-D-Openshift/gpt-oss-120b',
  ragBenchmark,
);
const gptOssSummary = `${gptOss.offline}/performance/result_summary.json`;

testRule(rule, {
  valid: [
    { name: 'a mean output length within the bounds', round: 'v6.1', profile: 'official', tree: gptOss.tree },
    { name: 'recommended: e2e-rag-qna within its own bounds', round: 'v6.1', tree: rag },
  ],
  invalid: [
    {
      name: 'outputs shorter than gpt-oss-120b allows',
      round: 'v6.1',
      profile: 'official',
      tree: short.tree,
      errors: [{ messageId: 'outOfRange', file: shortSummary, unit: short.online, message: 'is 1100.5 tokens (output_sequence_lengths.avg), outside [1150.38, 1406.02]' }],
    },
    {
      name: 'official: e2e-rag-qna held to the gpt-oss-120b bounds',
      round: 'v6.1',
      profile: 'official',
      tree: rag,
      errors: [
        { messageId: 'outOfOfficialRange', file: `${ragBenchmark}/Offline/performance/result_summary.json`, message: 'is 273.81 tokens' },
        { messageId: 'outOfOfficialRange', file: `${ragBenchmark}/Online/performance/result_summary.json`, message: 'bounds the official checker of round v6.1 applies to every model' },
      ],
    },
    {
      name: 'no mean output length',
      round: 'v6.1',
      tree: withJson(gptOss.tree, gptOssSummary, ({ output_sequence_lengths: _lengths, ...summary }) => summary),
      errors: [{ messageId: 'noMean', file: gptOssSummary }],
    },
  ],
});
