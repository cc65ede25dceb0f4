import { isEndpointsResult } from '../../checkers/inference/measurements.ts';
import { modelOfUnit } from '../../checkers/inference/model-name.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'perf/endpoints-model',
  meta: {
    description: 'An endpoints ("LoadGen++") result is of a model the round accepts endpoints results for.',
    category: 'perf',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: { since: 'v6.1' },
    ruleText: "inference_rules.adoc §5 (LoadGen measures every result; for v6.1 the working group lets the LoadGen++ endpoints harness measure some benchmarks instead, the checker's ENDPOINTS_ALLOWED_MODELS).",
    messages: {
      notAllowed:
        'This result has no LoadGen logs, so it is read as an endpoints ("LoadGen++") result, but round {{round}} accepts endpoints results only for {{allowed}}, not for {{model}}. Measure {{model}} with LoadGen (performance/run_1/ and accuracy/ with their mlperf_log_detail.txt).',
    },
    rejects: 'scenario',
    official: { rounds: { since: 'v6.1' } },
  },
  async check({ unit, round, index, load, report }) {
    const allowed = round.endpoints?.allowedModels;
    if (allowed === undefined || !isEndpointsResult(round, index, unit)) return;
    const model = await modelOfUnit(load, round, unit);
    if (!allowed.includes(model)) report({ messageId: 'notAllowed', file: unit.path, data: { round: round.id, allowed: allowed.join(', '), model } });
  },
});
