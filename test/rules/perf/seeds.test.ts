import rule from '../../../src/rules/perf/seeds.ts';
import { qwenEndpoints, V61_SEEDS, withConfigLine } from '../../support/endpoints.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';
import { lineOf, withLogValue } from './mllog-edits.ts';

const result = realResult('v6.0', 'closed/RedHat/results/8xH200_whisper/whisper/Offline');
const logPath = `${result.path}/performance/run_1/mlperf_log_detail.txt`;
const log = String(result.tree[logPath]);
const withSeed = (key: string, value: string | undefined) => withChanges(result.tree, { [logPath]: withLogValue(log, key, value) });

// An endpoints run: its config.yaml gives the sample-index (dataloader) and schedule (scheduler) seeds, no QSL seed.
const endpoints = qwenEndpoints();

testRule(rule, {
  valid: [
    { name: 'a real published result', round: 'v6.0', tree: result.tree, profile: 'official' },
    { name: 'a v6.1 endpoints run has no QSL seed (skipped officially)', round: 'v6.1', tree: endpoints.tree, profile: 'official' },
  ],
  invalid: [
    {
      name: 'a v6.1 endpoints run with another dataloader seed',
      round: 'v6.1',
      profile: 'official',
      tree: withConfigLine(endpoints.tree, endpoints.offline, /dataloader_random_seed: \d+/, 'dataloader_random_seed: 42'),
      errors: [
        {
          messageId: 'wrongSeed',
          file: `${endpoints.offline}/performance/result_summary.json`,
          message: `effective_sample_index_rng_seed = 42, but the value of round v6.1 is ${V61_SEEDS.dataloader}`,
        },
      ],
    },
    {
      name: 'a schedule seed one off in its last digit (beyond double precision)',
      round: 'v6.0',
      profile: 'official',
      tree: withSeed('effective_schedule_rng_seed', '3936089224930324776'),
      errors: [{ messageId: 'wrongSeed', file: logPath, line: lineOf(log, 'effective_schedule_rng_seed'), message: 'effective_schedule_rng_seed = 3936089224930324776, but the value of round v6.0 is 3936089224930324775' }],
    },
    {
      name: 'the seeds of another round',
      round: 'v5.1',
      tree: result.tree,
      errors: [
        { messageId: 'wrongSeed', message: 'effective_qsl_rng_seed' },
        { messageId: 'wrongSeed', message: 'effective_sample_index_rng_seed' },
        { messageId: 'wrongSeed', message: 'effective_schedule_rng_seed' },
      ],
    },
    {
      name: 'a seed written as a string',
      round: 'v6.0',
      tree: withSeed('effective_qsl_rng_seed', '"2465351861681999779"'),
      errors: [{ messageId: 'wrongSeed', message: '= "2465351861681999779"' }],
    },
    {
      name: 'a seed missing',
      round: 'v6.0',
      tree: withSeed('effective_sample_index_rng_seed', undefined),
      errors: [{ messageId: 'wrongSeed', message: 'effective_sample_index_rng_seed = absent' }],
    },
  ],
});
