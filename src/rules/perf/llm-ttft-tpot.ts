import { llmLatencyLimits, type AppliedConstant } from '../../checkers/inference/corrected-constants.ts';
import { definePerformanceRule, logNumber, MISSING_KEY_MESSAGE, type LogFinding, type PerformanceLogInput } from '../../checkers/inference/performance-rule.ts';
import type { Scenario } from '../../rounds/types.ts';

const TTFT_KEY = 'result_first_token_99.00_percentile_latency_ns';
const TPOT_KEY = 'result_time_per_output_token_99.00_percentile_ns';
const NS_PER_MS = 1e6;

type MessageId = 'exceeded' | 'officialLimitOnly' | 'noLimits' | 'missingKey';

function isTokenScenario(scenario: Scenario | undefined): scenario is 'Server' | 'Interactive' {
  return scenario === 'Server' || scenario === 'Interactive';
}

/**
 * Whose limits apply: the folder's scenario (the monolith, and the rules); the modular checker takes the scenario
 * LoadGen ran, which is Server for Interactive folders, so it holds them to the Server limits. The v4.1 monolith has a
 * single limit (the round data keeps it as the Server one) and applies it to every scenario but Offline.
 */
function limitScenario({ profile, round, directoryScenario, effectiveScenario }: PerformanceLogInput): Scenario | undefined {
  if (profile === 'official' && round.officialChecker.kind === 'modular') return isTokenScenario(effectiveScenario) ? effectiveScenario : undefined;
  if (profile === 'official' && round.id === 'v4.1') return directoryScenario !== undefined && directoryScenario !== 'Offline' ? 'Server' : undefined;
  return isTokenScenario(directoryScenario) ? directoryScenario : undefined;
}

function milliseconds(nanoseconds: number): number {
  return Number((nanoseconds / NS_PER_MS).toFixed(3));
}

/** For a message: where a limit that is not the official table's comes from, and the official value. */
function limitSources(limits: Readonly<Record<'TTFT' | 'TPOT', AppliedConstant>>): string {
  return Object.entries(limits)
    .flatMap(([name, { replaced }]) => (replaced === undefined ? [] : [`; the ${name} limit is the one ${replaced.source} states, the official table says ${replaced.official} ms`]))
    .join('');
}

export default definePerformanceRule({
  id: 'perf/llm-ttft-tpot',
  meta: {
    description: "Server and Interactive runs of large language models meet the round's TTFT and TPOT limits (99th percentiles).",
    category: 'perf',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'inference_rules.adoc §4.1 (LLM benchmarks: time-to-first-token and time-per-output-token constraints per scenario).',
    messages: {
      exceeded:
        'In this {{scenario}} run the 99th-percentile time to first token is {{ttft}} ms and the time per output token {{tpot}} ms, but {{model}} must stay below {{ttftLimit}} ms and {{tpotLimit}} ms ({{limitScenario}} limits{{sources}}). Lower the target QPS (or improve the latency) and re-run.',
      officialLimitOnly:
        'In this {{scenario}} run the 99th-percentile time to first token is {{ttft}} ms and the time per output token {{tpot}} ms: within the limits of the rules ({{ttftLimit}} ms and {{tpotLimit}} ms{{sources}}), but not below the official table\'s {{officialTtftLimit}} ms and {{officialTpotLimit}} ms, which official tools and LoadGen\'s mlperf.conf apply. The result meets the rules; if it is challenged, point to the rule text, or lower the target QPS and re-run to meet both.',
      noLimits:
        'The round defines no {{scenario}} TTFT/TPOT limits for {{model}}, so the official checker cannot validate this result and rejects it. Submit results of this model only in the scenarios the round lists for it.',
      missingKey: MISSING_KEY_MESSAGE,
    },
    // Only the recommended profile applies corrected limits (docs/rounds/corrected-constants.md).
    messageSeverities: { officialLimitOnly: 'warning' },
    rejects: 'scenario',
    official: {},
  },
  checkLog(input) {
    const { log, model, modelData, profile, directoryScenario } = input;
    const flag = log.get('requested_use_token_latencies')?.value;
    // Without token latencies there is nothing to check: perf/llm-token-flag reports that. An endpoints run always
    // measures them (the modular checker takes the flag as set).
    const tokenLatencies = input.endpoints || !(flag === undefined || flag === false || flag === null || flag === 0);
    if (modelData?.llm !== true || !tokenLatencies) return [];
    const scenario = limitScenario(input);
    if (scenario === undefined) return [];
    const limits = llmLatencyLimits(modelData, scenario, profile);
    if (limits === undefined) return profile === 'official' ? [{ messageId: 'noLimits', data: { model, scenario } }] : [];
    const findings: LogFinding<MessageId>[] = [];
    const ttftEvent = log.get(TTFT_KEY);
    const tpotEvent = log.get(TPOT_KEY);
    const ttft = logNumber(ttftEvent);
    const tpot = logNumber(tpotEvent);
    if (ttft === undefined) findings.push({ messageId: 'missingKey', data: { key: TTFT_KEY } });
    if (tpot === undefined) findings.push({ messageId: 'missingKey', data: { key: TPOT_KEY } });
    if (ttft === undefined || tpot === undefined) return findings;
    const below = (nanoseconds: number, limitMs: number): boolean => nanoseconds < limitMs * NS_PER_MS;
    const ttftMet = below(ttft, limits.ttftMs.value);
    const data = {
      scenario: directoryScenario ?? scenario,
      ttft: milliseconds(ttft),
      tpot: milliseconds(tpot),
      model,
      ttftLimit: limits.ttftMs.value,
      tpotLimit: limits.tpotMs.value,
      limitScenario: scenario,
      sources: limitSources({ TTFT: limits.ttftMs, TPOT: limits.tpotMs }),
    };
    if (ttftMet && below(tpot, limits.tpotMs.value)) {
      // A limit of the rules that is looser than the official table's: the result passes here, not there.
      const officialTtft = limits.ttftMs.replaced?.official ?? limits.ttftMs.value;
      const officialTpot = limits.tpotMs.replaced?.official ?? limits.tpotMs.value;
      if (below(ttft, officialTtft) && below(tpot, officialTpot)) return [];
      const line = (below(ttft, officialTtft) ? tpotEvent : ttftEvent)?.line;
      return [{ messageId: 'officialLimitOnly', ...(line !== undefined && { line }), data: { ...data, officialTtftLimit: officialTtft, officialTpotLimit: officialTpot } }];
    }
    const line = (ttftMet ? tpotEvent : ttftEvent)?.line;
    return [{ messageId: 'exceeded', ...(line !== undefined && { line }), data }];
  },
});
