import { definePerformanceRule, logNumber, MISSING_KEY_MESSAGE, type LogFinding, type PerformanceLogInput } from '../../checkers/inference/performance-rule.ts';
import type { Scenario } from '../../rounds/types.ts';

const TTFT_KEY = 'result_first_token_99.00_percentile_latency_ns';
const TPOT_KEY = 'result_time_per_output_token_99.00_percentile_ns';
const NS_PER_MS = 1e6;

type MessageId = 'exceeded' | 'noLimits' | 'missingKey';

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
        'In this {{scenario}} run the 99th-percentile time to first token is {{ttft}} ms and the time per output token {{tpot}} ms, but {{model}} must stay below {{ttftLimit}} ms and {{tpotLimit}} ms ({{limitScenario}} limits). Lower the target QPS (or improve the latency) and re-run.',
      noLimits:
        'The round defines no {{scenario}} TTFT/TPOT limits for {{model}}, so the official checker cannot validate this result and rejects it. Submit results of this model only in the scenarios the round lists for it.',
      missingKey: MISSING_KEY_MESSAGE,
    },
    rejects: 'scenario',
    official: {},
  },
  checkLog(input) {
    const { log, model, modelData, profile, directoryScenario } = input;
    const flag = log.get('requested_use_token_latencies')?.value;
    // Without token latencies there is nothing to check: perf/llm-token-flag reports that.
    if (modelData?.llm !== true || flag === undefined || flag === false || flag === null || flag === 0) return [];
    const scenario = limitScenario(input);
    if (scenario === undefined) return [];
    const limits = modelData.llmLatencyLimits?.[scenario];
    if (limits === undefined) return profile === 'official' ? [{ messageId: 'noLimits', data: { model, scenario } }] : [];
    const findings: LogFinding<MessageId>[] = [];
    const ttftEvent = log.get(TTFT_KEY);
    const tpotEvent = log.get(TPOT_KEY);
    const ttft = logNumber(ttftEvent);
    const tpot = logNumber(tpotEvent);
    if (ttft === undefined) findings.push({ messageId: 'missingKey', data: { key: TTFT_KEY } });
    if (tpot === undefined) findings.push({ messageId: 'missingKey', data: { key: TPOT_KEY } });
    if (ttft === undefined || tpot === undefined) return findings;
    const ttftMet = ttft < limits.ttftMs * NS_PER_MS;
    if (ttftMet && tpot < limits.tpotMs * NS_PER_MS) return [];
    const line = (ttftMet ? tpotEvent : ttftEvent)?.line;
    return [{
      messageId: 'exceeded',
      ...(line !== undefined && { line }),
      data: { scenario: directoryScenario ?? scenario, ttft: milliseconds(ttft), tpot: milliseconds(tpot), model, ttftLimit: limits.ttftMs, tpotLimit: limits.tpotMs, limitScenario: scenario },
    }];
  },
});
