import { complianceScope, performanceReportFinding, presentTests, TEST05 } from '../../checkers/inference/compliance.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'comp/verify-performance',
  meta: {
    description: 'The verify_performance.txt of TEST01 and TEST04 says TEST PASS: the compliance run performed like the submitted run.',
    category: 'comp',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'network'],
    rounds: {},
    ruleText: 'submission_rules.adoc §5.13.2 (each compliance test must pass); the TEST01 and TEST04 READMEs of mlcommons/inference compliance/ (the audit run must perform within the tolerance of the submitted run).',
    messages: {
      failed: '{{test}}/verify_performance.txt does not pass: {{reason}}. Find out why the compliance run performed differently (for TEST04, whether the system caches repeated samples), fix it, and run {{test}} again.',
      unreadable: '{{test}}/verify_performance.txt {{problem}}, so the outcome of the test cannot be read. Keep the file exactly as run_verification.py wrote it.',
    },
    // Both official checkers reject the result; on a file Python cannot decode they crash, and we reject the result.
    rejects: 'scenario',
    official: {},
  },
  async check(context) {
    const { index, report } = context;
    const scope = await complianceScope(context);
    if (scope === undefined) return;
    for (const test of presentTests(scope, index)) {
      // comp/test05 owns TEST05.
      if (test === TEST05) continue;
      const finding = await performanceReportFinding(context, scope, test);
      if (finding !== undefined) report({ ...finding, data: { ...finding.data, test } });
    }
  },
});
