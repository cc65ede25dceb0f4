import { definePerformanceRule } from '../../checkers/inference/performance-rule.ts';

export default definePerformanceRule({
  id: 'perf/log-parse',
  meta: {
    description: 'The performance log is a well-formed MLLOG file: its first line and every marked line are valid events.',
    category: 'perf',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'submission_rules.adoc §5.6.3 (the LoadGen logs of every run, as LoadGen writes them) and inference_rules.adoc §5 (LoadGen).',
    messages: {
      malformedLine:
        'Line {{line}} of the performance log {{problem}}; the official checkers read the log strictly and give up on the whole file. Submit mlperf_log_detail.txt exactly as LoadGen wrote it (a truncated, merged or hand-edited line is the usual cause).',
      unreadable: 'The performance log {{problem}}, so none of its checks can run. Submit mlperf_log_detail.txt exactly as LoadGen wrote it.',
    },
    // The monolith catches the parser's exception and rejects the result; the modular checker parses in its loader and
    // the whole run stops. Only the result is rejected here.
    rejects: 'scenario',
    official: {},
  },
  checkLog: ({ log }) =>
    log.problems.map((problem) => ({ messageId: 'malformedLine' as const, line: problem.line ?? 1, data: { line: problem.line ?? 1, problem: problem.message } })),
  checkUnreadable: (problems) => problems.map((problem) => ({ messageId: 'unreadable' as const, data: { problem: problem.message } })),
});
