import rule from '../../../src/rules/acc/endpoints.ts';
import { gptOssEndpoints, qwenEndpoints, withJson } from '../../support/endpoints.ts';
import { withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';
import { moved } from '../../support/tree-edits.ts';

const qwen = qwenEndpoints();
const qwenResults = `${qwen.offline}/accuracy/accuracy_results.json`;
const gptOss = gptOssEndpoints();
const gptOssResults = `${gptOss.offline}/accuracy/accuracy_results.json`;
/** qwen3-vl's accuracy_results.json with its one score replaced. */
const qwenScore = (score: unknown) => withJson(qwen.tree, qwenResults, (json) => ({ accuracy_scores: [{ ...(json['accuracy_scores'] as object[])[0], score }] }));
const openQwen = moved(qwenScore({ f1: 0.5 }), 'closed/RedHat', 'open/RedHat');

testRule(rule, {
  valid: [
    { name: 'qwen3-vl scores above their target (0.782397)', round: 'v6.1', profile: 'official', tree: qwen.tree },
    // Only qwen3-vl's endpoints score is compared with a target; gpt-oss-120b's per-dataset scores are not.
    { name: 'gpt-oss-120b has a score', round: 'v6.1', profile: 'official', tree: withJson(gptOss.tree, gptOssResults, () => ({ accuracy_scores: [{ dataset_name: 'aime25', score: 1 }] })) },
    { name: 'a score object read by its "score" key', round: 'v6.1', tree: qwenScore({ score: '0.79' }) },
    { name: 'open results need not reach the target', round: 'v6.1', profile: 'official', tree: openQwen },
  ],
  invalid: [
    {
      name: 'a score below the target',
      round: 'v6.1',
      profile: 'official',
      tree: qwenScore({ f1_hierarchical: 0.78, f1: 0.9 }),
      errors: [{ messageId: 'belowTarget', file: qwenResults, unit: qwen.offline, message: 'is 0.78 (F1_HIERARCHICAL), below the target of 0.782397' }],
    },
    {
      name: 'a score that is not a number',
      round: 'v6.1',
      tree: qwenScore({ precision: 0.8 }),
      errors: [{ messageId: 'notNumeric', file: qwenResults, message: '{"precision":0.8}' }],
    },
    {
      name: 'no score at all',
      round: 'v6.1',
      profile: 'official',
      tree: withJson(gptOss.tree, gptOssResults, (json) => ({ accuracy_scores: (json['accuracy_scores'] as object[]).map(() => ({ dataset_name: 'aime25', total_samples: 240 })) })),
      errors: [{ messageId: 'noScore', file: gptOssResults }],
    },
    {
      name: 'accuracy_results.json missing',
      round: 'v6.1',
      profile: 'official',
      tree: withChanges(qwen.tree, { [qwenResults]: undefined }),
      errors: [{ messageId: 'unreadableFile', file: qwenResults, message: 'accuracy_results.json does not exist' }],
    },
    {
      name: 'accuracy_results.json that is not JSON',
      round: 'v6.1',
      tree: withChanges(qwen.tree, { [qwenResults]: '{"accuracy_scores": [' }),
      errors: [{ messageId: 'unreadableFile', file: qwenResults, message: 'is not valid JSON' }],
    },
  ],
});
