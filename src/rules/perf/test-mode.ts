import { resultRuns, type RunRole } from '../../checkers/inference/result-runs.ts';
import { defineRule } from '../rule.ts';

/** The modes LoadGen may have run each run in (`effective_test_mode`); SubmissionRun runs accuracy, then performance. */
const ALLOWED_MODES: Readonly<Record<RunRole, readonly string[]>> = {
  performance: ['PerformanceOnly', 'SubmissionRun'],
  accuracy: ['AccuracyOnly', 'SubmissionRun'],
  // Every audit.config sets `mode = 2`.
  compliance: ['PerformanceOnly'],
};

const MESSAGE_OF: Readonly<Record<RunRole, 'performanceMode' | 'accuracyMode' | 'complianceMode'>> = {
  performance: 'performanceMode',
  accuracy: 'accuracyMode',
  compliance: 'complianceMode',
};

export default defineRule({
  id: 'perf/test-mode',
  meta: {
    description: 'Each LoadGen run of a result ran in the mode of its folder: PerformanceOnly in performance/run_1 and the compliance tests, AccuracyOnly in accuracy/ (effective_test_mode).',
    category: 'perf',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText:
      'inference_rules.adoc §5 (LoadGen validates accuracy in a separate run that uses each sample once but is otherwise identical to the performance run) and submission_rules.adoc §5.6.3 (the performance, accuracy and compliance logs of each result).',
    messages: {
      performanceMode:
        'The log in performance/run_1 records a run in {{mode}} mode (effective_test_mode), not a performance run, so the result has no performance measurement. Run the performance test (PerformanceOnly, mode = 2) and submit its logs in performance/run_1.',
      accuracyMode:
        'The log in accuracy/ records a run in {{mode}} mode (effective_test_mode), not an accuracy run, so accuracy.txt cannot come from it. Run the accuracy test (AccuracyOnly, mode = 1) and submit its mlperf_log_detail.txt, mlperf_log_accuracy.json and accuracy.txt in accuracy/.',
      complianceMode:
        'The {{test}} log records a run in {{mode}} mode (effective_test_mode), but {{test}} runs the performance test with its audit.config, which sets PerformanceOnly. Copy the test\'s audit.config into the working directory, re-run {{test}} and submit its logs.',
      noMode:
        'The log of the {{run}} has no effective_test_mode event, so the mode it ran in cannot be verified. Submit the complete mlperf_log_detail.txt as LoadGen wrote it.',
    },
    messageSeverities: { noMode: 'info' },
    rejects: 'scenario',
    official: false,
  },
  async check({ unit, index, load, round, report }) {
    for (const run of await resultRuns({ unit, index, load, round })) {
      const event = run.log.get('effective_test_mode');
      if (event === undefined) {
        report({ messageId: 'noMode', file: run.path, data: { run: run.name } });
        continue;
      }
      const mode = String(event.value);
      if (!ALLOWED_MODES[run.role].includes(mode)) report({ messageId: MESSAGE_OF[run.role], file: run.path, line: event.line, data: { mode, test: run.test ?? '' } });
    }
  },
});

