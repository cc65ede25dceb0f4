import rule from '../../../src/rules/perf/min-duration.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';
import { moved } from '../../support/tree-edits.ts';
import { lineOf, withLogValue } from './mllog-edits.ts';

const result = realResult('v6.0', 'closed/RedHat/results/8xH200_whisper/whisper/Offline');
const logPath = `${result.path}/performance/run_1/mlperf_log_detail.txt`;
const log = String(result.tree[logPath]);
const withDuration = (value: string | undefined) => withChanges(result.tree, { [logPath]: withLogValue(log, 'effective_min_duration_ms', value) });
const benchmark = 'closed/RedHat/results/8xH200_whisper/whisper';

testRule(rule, {
  valid: [
    { name: 'a real published result', round: 'v6.0', tree: result.tree, profile: 'official' },
    { name: 'a model the round exempts (v6.1 e2e-rag-qna)', round: 'v6.1', tree: moved(withDuration('10000'), benchmark, 'closed/RedHat/results/8xH200_whisper/e2e-rag-qna'), profile: 'official' },
  ],
  invalid: [
    {
      name: 'a shortened run',
      round: 'v6.0',
      profile: 'official',
      tree: withDuration('599999'),
      errors: [{ messageId: 'tooShort', file: logPath, line: lineOf(log, 'effective_min_duration_ms'), message: 'min_duration 599999 ms' }],
    },
    {
      name: 'no effective_min_duration_ms',
      round: 'v5.1',
      tree: withDuration(undefined),
      errors: [{ messageId: 'missingKey', message: 'effective_min_duration_ms' }],
    },
  ],
});
