import { definePerformanceRule } from '../../checkers/inference/performance-rule.ts';

/** The substring the network division requires in the SUT name (NETWORK_MODE_REQUIRED_SUBSTRING_IN_SUT_NAME). */
const NETWORK_SUT = 'Network SUT';

export default definePerformanceRule({
  id: 'perf/network-sut-name',
  meta: {
    description: 'Systems tested over the network ran a SUT whose name contains "Network SUT".',
    category: 'perf',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'inference_rules.adoc §6.2 (network division: the SUT is reached over the network by the LoadGen node).',
    messages: {
      notNetworkSut:
        'The system runs over the network (is_network is "true"), but the performance log names the SUT {{sutName}}, which does not contain "Network SUT". Run the benchmark through the network SUT (its name contains "Network SUT") and re-run.',
      noSutName:
        'The system runs over the network (is_network is "true"), but the performance log has no sut_name, so the run cannot be shown to use the network SUT. Submit the complete mlperf_log_detail.txt of an unmodified LoadGen.',
    },
    rejects: 'scenario',
    official: {},
  },
  checkLog({ log, system }) {
    if (system?.isNetwork !== true) return [];
    const sutName = log.get('sut_name');
    if (sutName === undefined || typeof sutName.value !== 'string') return [{ messageId: 'noSutName', ...(sutName && { line: sutName.line }) }];
    if (sutName.value.includes(NETWORK_SUT)) return [];
    return [{ messageId: 'notNetworkSut', line: sutName.line, data: { sutName: JSON.stringify(sutName.value) } }];
  },
});
