import { isPowerResult, powerPaths, powerWindow, samplesInWindow } from '../../checkers/inference/power.ts';
import { mllogParser } from '../../parsers/mllog.ts';
import { splParser } from '../../parsers/power/spl.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'pwr/window-samples',
  meta: {
    description: "The power analyzer log of the measured run has power samples inside LoadGen's power window (power_begin to power_end).",
    category: 'pwr',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'MLPerf Power measurement rules: the power of a result is the average of the analyzer samples taken while LoadGen ran the measured workload (inference_rules.adoc §4.1 metrics with power).',
    messages: {
      noWindow: 'The performance log has no usable power window: {{reason}}. Run the measurement with the MLCommons power client, which makes LoadGen log power_begin and power_end, and copy its detail log unmodified.',
      badSample: 'Line {{line}} of performance/run_1/spl.txt cannot be read: {{reason}}. Copy the spl.txt the power server wrote for this run, unmodified.',
      noSamples: 'performance/run_1/spl.txt has no sample with a positive power between power_begin ({{begin}}) and power_end ({{end}}) of the performance log. Copy the spl.txt of this same run, with the analyzer connected and sampling while LoadGen ran.',
    },
    // Both checkers reject the result: an error when no sample lies in the window, an exception on what Python cannot convert.
    rejects: 'scenario',
    official: {},
  },
  async check({ unit, index, load, report }) {
    if (!isPowerResult(index, unit)) return;
    const { run } = powerPaths(unit);
    const logPath = `${run}/mlperf_log_detail.txt`;
    const splPath = `${run}/spl.txt`;
    // The struct and file-list rules report a missing log or spl.txt.
    if (!index.isFile(logPath) || !index.isFile(splPath)) return;
    const log = await load(logPath, mllogParser);
    if (!log.ok) return;
    const window = powerWindow(log.value);
    if (!window.ok) {
      report({ messageId: 'noWindow', file: logPath, data: { reason: window.reason }, ...(window.line !== undefined && { line: window.line }) });
      return;
    }
    const spl = await load(splPath, splParser);
    if (!spl.ok) {
      report({ messageId: 'badSample', file: splPath, line: 1, data: { line: 1, reason: spl.problems[0]?.message ?? 'it cannot be read' } });
      return;
    }
    const inWindow = samplesInWindow(spl.value, window);
    if (!inWindow.ok) report({ messageId: 'badSample', file: splPath, line: inWindow.line, data: { line: inWindow.line, reason: inWindow.reason } });
    else if (inWindow.samples.length === 0) report({ messageId: 'noSamples', file: splPath, data: { begin: window.beginText, end: window.endText } });
  },
});
