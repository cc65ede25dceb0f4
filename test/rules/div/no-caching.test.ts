import rule from '../../../src/rules/div/no-caching.ts';
import { serverRun, singleStreamRun, traceFile } from '../../support/loadgen-trace.ts';
import { testRule } from '../../support/rule-tester.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';

// resnet50 has TEST04 in v4.1; llama2-70b has none (and its trace in the shared data is empty).
const singleStream = realResult('v4.1', 'closed/UntetherAI/results/h13_u3_slim/resnet50/singlestream');
const offline = realResult('v4.1', 'closed/UntetherAI/results/h13_u3_slim/resnet50/offline');
const server = realResult('v4.1', 'closed/JuniperNetworks/results/DGX-H100_H100-SXM-80GBx32_TRT/llama2-70b-99/Server');
const llama = realResult('v4.1', 'closed/JuniperNetworks/results/DGX-H100_H100-SXM-80GBx32_TRT/llama2-70b-99/Offline');
const openResult = realResult('v4.1', 'open/Krai/results/7920t-kilt-onnxruntime_cpu/resnet50/singlestream');

const TRACE = 'performance/run_1/mlperf_log_trace.json';
const withTrace = (result: typeof singleStream, text: string) => withChanges(result.tree, { [`${result.path}/${TRACE}`]: text });

/** About 1 ms a sample with ±10 % jitter; the first 5 % of the run twice as slow (warm-up). */
const honestService = (_repeat: boolean, position: number, random: () => number) => (position < 250 ? 2 : 1) * 1e6 * (0.9 + 0.2 * random());
const cachingService = (repeat: boolean, position: number, random: () => number) => (repeat ? 0.3 : 1) * honestService(repeat, position, random);

const honestSingleStream = traceFile(singleStreamRun({ samples: 5000, loaded: 1024, serviceNs: honestService }));
const cachingSingleStream = traceFile(singleStreamRun({ samples: 5000, loaded: 1024, serviceNs: cachingService }));
// 100 µs between arrivals, batches every 1 ms taking 3 ms: about 30 samples in flight, drawn from 200 indices.
const serverOptions = { samples: 20_000, loaded: 200, intervalNs: 100_000, windowNs: 1_000_000, serviceNs: 3_000_000 };
const honestServer = traceFile(serverRun({ ...serverOptions, coalesce: false }));
const coalescingServer = traceFile(serverRun({ ...serverOptions, coalesce: true }));

testRule(rule, {
  valid: [
    { name: 'SingleStream: repeats as slow as first occurrences, despite a slow warm-up', round: 'v4.1', tree: withTrace(singleStream, honestSingleStream) },
    { name: 'Server: batches complete together whatever they hold', round: 'v4.1', tree: withTrace(server, honestServer) },
    { name: 'a trace cut short still counts', round: 'v4.1', tree: withTrace(singleStream, honestSingleStream.split('{"name":"LastTrace"}')[0]!) },
  ],
  invalid: [
    {
      name: 'SingleStream: repeated samples three times faster',
      round: 'v4.1',
      tree: withTrace(singleStream, cachingSingleStream),
      errors: [{ messageId: 'repeatsFaster', severity: 'error', file: `${singleStream.path}/${TRACE}`, unit: singleStream.path, message: 'Samples seen before complete faster' }],
    },
    {
      name: 'Server: identical samples answered together',
      round: 'v4.1',
      tree: withTrace(server, coalescingServer),
      errors: [{ messageId: 'coalesced', severity: 'warning', message: 'samples issued while an identical one was in flight completed at the same nanosecond as it' }],
    },
    {
      name: 'Offline: the trace cannot tell',
      round: 'v4.1',
      tree: withTrace(offline, honestSingleStream),
      errors: [{ messageId: 'offlineUntestable', severity: 'info', message: 'An Offline run issues its samples at once' }],
    },
    {
      name: 'no trace: TEST04 is the evidence',
      round: 'v4.1',
      tree: singleStream.tree,
      errors: [{ messageId: 'noTrace', severity: 'info', file: singleStream.path, message: 'TEST04 is the evidence against caching here' }],
    },
    {
      name: 'no trace in open: nothing else tests caching',
      round: 'v4.1',
      tree: openResult.tree,
      errors: [{ messageId: 'noTrace', severity: 'info', message: 'the open division runs no compliance tests. Run LoadGen with tracing' }],
    },
    {
      name: 'the empty trace of a real result whose model has no TEST04',
      round: 'v4.1',
      tree: llama.tree,
      errors: [{ messageId: 'unusableTrace', severity: 'info', file: `${llama.path}/${TRACE}`, message: 'is empty: LoadGen was run without tracing, or the file was emptied). Nothing else in the submission tests for caching: llama2-70b-99 has no TEST04 in v4.1. In Offline not even a trace can show it.' }],
    },
    {
      name: 'a trace of other events only',
      round: 'v4.1',
      tree: withTrace(singleStream, traceFile([])),
      errors: [{ messageId: 'unusableTrace', message: 'it holds no sample events' }],
    },
    {
      name: 'too few samples to compare',
      round: 'v4.1',
      tree: withTrace(singleStream, traceFile(singleStreamRun({ samples: 30, loaded: 1024, serviceNs: honestService }))),
      errors: [{ messageId: 'fewRepeats', severity: 'info', message: 'fewer than 20 repeated samples after warm-up to compare' }],
    },
  ],
});
