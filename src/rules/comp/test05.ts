import {
  complianceScope,
  missingTestFiles,
  PERFORMANCE_RUN_LOG,
  performanceReportFinding,
  performanceRunDifferences,
  TEST05,
  testFolder,
} from '../../checkers/inference/compliance.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'comp/test05',
  meta: {
    description: 'Where the round requires TEST05 (v4.1), the result has a TEST05 folder with a passing verify_performance.txt and the LoadGen logs of the run with the alternate seeds.',
    category: 'comp',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'network'],
    // Data-driven: only v4.1 lists TEST05 (removed from v5.0, submission_rules.adoc §5.13.2).
    rounds: {},
    ruleText: 'submission_rules.adoc §5.13.2 (TEST05, alternate random seeds, required up to v4.1 and removed from v5.0); the TEST05 README of mlcommons/inference compliance/.',
    messages: {
      missingFolder: 'Folder TEST05 is missing from {{folder}}, and {{model}} requires TEST05 in this round. Run TEST05 (its audit.config switches LoadGen to the alternate seeds) and copy the output of its run_verification.py into {{folder}}/TEST05.',
      missingReport: 'TEST05 has no {{name}}. Run TEST05\'s run_verification.py again and keep the {{name}} it writes in {{folder}}.',
      missingRunLog: 'TEST05 has no {{name}}, the LoadGen detail log of its run. Copy mlperf_log_summary.txt and mlperf_log_detail.txt of the TEST05 run into {{folder}}/performance/run_1.',
      failed: 'TEST05/verify_performance.txt does not pass: {{reason}}. The result depends on the random seeds; find out why the run with the alternate seeds performed differently, fix it, and run TEST05 again.',
      unreadable: 'TEST05/verify_performance.txt {{problem}}, so the outcome of the test cannot be read. Keep the file exactly as run_verification.py wrote it.',
      missingFile: 'TEST05/performance/run_1 has no {{name}}. Copy {{name}} from the output of the TEST05 run into it.',
      unexpectedFile: 'File "{{name}}" does not belong in TEST05/performance/run_1, which holds only {{expected}}. Remove it, or move it to the documentation or code folder of the submission.',
    },
    // The v4.1 monolith rejects the result.
    rejects: 'scenario',
    official: {},
  },
  async check(context) {
    const { round, index, report } = context;
    const scope = await complianceScope(context);
    if (scope === undefined || !scope.tests.includes(TEST05)) return;
    const folder = testFolder(scope, TEST05);
    if (!index.isDirectory(folder)) {
      report({ messageId: 'missingFolder', file: scope.folder, data: { folder: scope.folder, model: scope.model } });
      return;
    }
    for (const name of missingTestFiles(index, scope, TEST05)) {
      report({ messageId: name === PERFORMANCE_RUN_LOG ? 'missingRunLog' : 'missingReport', file: folder, data: { name, folder } });
    }
    const finding = await performanceReportFinding(context, scope, TEST05);
    if (finding !== undefined) report(finding);
    const differences = performanceRunDifferences(index, round, scope, TEST05);
    if (differences === undefined) return;
    for (const name of differences.missing) report({ messageId: 'missingFile', file: differences.folder, data: { name } });
    for (const name of differences.unexpected) report({ messageId: 'unexpectedFile', file: `${differences.folder}/${name}`, data: { name, expected: differences.expected.join(', ') } });
  },
});
