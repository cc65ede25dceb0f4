import { definePerformanceRule, shownValue, type LogFinding, type PerformanceLogInput } from '../../checkers/inference/performance-rule.ts';
import { integerText } from '../../parsers/mllog.ts';
import type { Seeds } from '../../rounds/types.ts';

const SEED_KEYS: readonly (readonly [keyof Seeds, string])[] = [
  ['qsl', 'effective_qsl_rng_seed'],
  ['sampleIndex', 'effective_sample_index_rng_seed'],
  ['schedule', 'effective_schedule_rng_seed'],
];

/**
 * The seeds the run must use: TEST05 runs use the round's alternate seeds (v4.1). The monolith picks them when the
 * log's path contains "TEST05" anywhere.
 */
function expectedSeeds({ round, profile, complianceTest, logPath }: PerformanceLogInput): { seeds: Seeds; source: string } {
  const test05 = profile === 'official' ? logPath.includes('TEST05') : complianceTest === 'TEST05';
  if (test05 && round.test05Seeds !== undefined) return { seeds: round.test05Seeds, source: `the TEST05 value of round ${round.id}` };
  return { seeds: round.seeds, source: `the value of round ${round.id}` };
}

export default definePerformanceRule({
  id: 'perf/seeds',
  meta: {
    description: "The performance run used the round's LoadGen random seeds.",
    category: 'perf',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'inference_rules.adoc §2.4 (random number generators: the seeds are announced for each round and may not be changed).',
    messages: {
      wrongSeed:
        'The performance run used {{key}} = {{found}}, but {{source}} is {{expected}}. Run with the round\'s LoadGen and mlperf.conf (the seeds cannot be overridden) and re-run.',
    },
    rejects: 'scenario',
    official: {},
  },
  checkLog(input) {
    const { seeds, source } = expectedSeeds(input);
    const findings: LogFinding<'wrongSeed'>[] = [];
    for (const [name, key] of SEED_KEYS) {
      // An endpoints run has no query-set seed (its dataloader and scheduler seeds are the other two).
      if (input.endpoints && name === 'qsl') continue;
      const event = input.log.get(key);
      // Compared as exact digit strings (the seeds exceed 2^53); a seed written as a JSON string is not the number.
      const found = typeof event?.value === 'string' ? undefined : integerText(event);
      if (found === seeds[name]) continue;
      findings.push({ messageId: 'wrongSeed', ...(event && { line: event.line }), data: { key, found: found ?? shownValue(event), expected: seeds[name], source } });
    }
    return findings;
  },
});
