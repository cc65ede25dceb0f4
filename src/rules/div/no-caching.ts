import { modelOfUnit } from '../../checkers/inference/model-name.ts';
import { roundModel } from '../../checkers/inference/scenario-table.ts';
import { canonicalScenario } from '../../checkers/inference/scenarios.ts';
import { coalescing, MIN_PAIRS, repeatLatency } from '../../division/caching-evidence.ts';
import { loadgenTraceParser } from '../../parsers/loadgen-trace.ts';
import { defineRule } from '../rule.ts';

const TRACE = 'performance/run_1/mlperf_log_trace.json';
const ENABLE_TRACE = 'Run LoadGen with tracing (log_settings.enable_trace) and submit the trace to make it checkable';

function milliseconds(ns: number): string {
  return `${(ns / 1e6).toFixed(3)} ms`;
}

function pValue(p: number): string {
  return p < 1e-4 ? p.toExponential(1) : p.toFixed(4);
}

export default defineRule({
  id: 'div/no-caching',
  meta: {
    description: "A result's LoadGen trace shows no caching (repeated samples are not faster than first occurrences) and no coalescing (identical samples in flight do not complete together more often than distinct ones); without a trace the rule says what evidence remains.",
    category: 'div',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText:
      'inference_rules.adoc §5.1 ("Caching of any other queries, query parameters, or intermediate results is prohibited"), §8.2 (disallowed: "Caching queries or responses", "Coalescing identical queries"), §9 FAQ ("the system under test should not cache any information associated with query indices").',
    messages: {
      repeatsFaster:
        'Samples seen before complete faster than samples seen for the first time: over {{pairs}} pairs, the median service latency of repeats is {{repeat}} against {{first}} for first occurrences issued just before them ({{ratio}} of it; one-sided Mann-Whitney p = {{p}}). A system without a cache takes as long for a sample the second time. Find what keeps the results or intermediate values of earlier samples (the model, the runtime, the harness), remove it, and rerun.',
      coalesced:
        'Identical samples in flight at the same time complete together: {{together}} of {{pairs}} samples issued while an identical one was in flight completed at the same nanosecond as it, against {{neighbours}} of their distinct neighbours (exact one-sided test p = {{p}}). Coalescing identical queries is prohibited; batch samples without regard to which sample they are.',
      noTrace: 'This result has no LoadGen trace ({{trace}}), so the latencies of repeated samples cannot be compared. {{remaining}}.',
      unusableTrace: '{{trace}} cannot be used ({{reason}}). {{remaining}}.',
      fewRepeats: 'The trace holds fewer than {{minimum}} repeated samples after warm-up to compare with first occurrences, too few to tell caching apart from chance. A longer run, or the trace of the whole run rather than a part of it, gives more pairs.',
      offlineUntestable:
        'An Offline run issues its samples at once and the loaded set over and over in a fixed order, so neither latencies nor completion times tell a cache or coalescing apart from legitimate batching and sorting. {{remaining}}.',
    },
    messageSeverities: { coalesced: 'warning', noTrace: 'info', unusableTrace: 'info', fewRepeats: 'info', offlineUntestable: 'info' },
    rejects: 'scenario',
    // The official checkers look at TEST04's verdict only; the trace is optional and never read.
    official: false,
  },
  async check({ unit, index, round, load, report }) {
    const trace = `${unit.path}/${TRACE}`;
    const offline = canonicalScenario(unit.scenario) === 'Offline';
    // A trace can show caching in the other scenarios; in Offline it cannot (offlineUntestable).
    const whatWouldHelp = offline ? 'In Offline not even a trace can show it' : ENABLE_TRACE;
    const remaining = async (): Promise<string> => {
      if (unit.division === 'open') return `Nothing else in the submission tests for caching: the open division runs no compliance tests. ${whatWouldHelp}`;
      const model = await modelOfUnit(load, round, unit);
      if (roundModel(round, model)?.complianceTests?.includes('TEST04') === true) return 'TEST04 is the evidence against caching here (comp/test04-recompute compares it with the submitted run)';
      return `Nothing else in the submission tests for caching: ${model} has no TEST04 in ${round.id}. ${whatWouldHelp}`;
    };
    if (!index.isFile(trace)) {
      report({ messageId: 'noTrace', data: { trace: TRACE, remaining: await remaining() } });
      return;
    }
    const parsed = await load(trace, loadgenTraceParser);
    if (!parsed.ok || parsed.value.samples === 0) {
      const reason = parsed.ok ? 'it holds no sample events' : (parsed.problems[0]?.message ?? 'unreadable');
      report({ messageId: 'unusableTrace', file: trace, data: { trace: TRACE, reason, remaining: await remaining() } });
      return;
    }
    if (offline) {
      report({ messageId: 'offlineUntestable', file: trace, data: { remaining: await remaining() } });
      return;
    }
    const latency = repeatLatency(parsed.value);
    const coalesced = coalescing(parsed.value);
    if (latency === undefined) {
      report({ messageId: 'fewRepeats', file: trace, data: { minimum: MIN_PAIRS } });
    } else if (latency.cached) {
      const data = { pairs: latency.pairs, repeat: milliseconds(latency.repeatMedianNs), first: milliseconds(latency.firstMedianNs), ratio: `${(100 * latency.ratio).toFixed(1)} %`, p: pValue(latency.p) };
      report({ messageId: 'repeatsFaster', file: trace, data });
    }
    if (coalesced?.coalesced === true) {
      report({ messageId: 'coalesced', file: trace, data: { together: coalesced.together, pairs: coalesced.pairs, neighbours: coalesced.neighboursTogether, p: pValue(coalesced.p) } });
    }
  },
});
