import {
  complianceScope,
  describeFailure,
  lastReading,
  loadReport,
  passReading,
  reportPasses,
  targetMetrics,
  TEST01_ACCURACY_FILES,
  TEST01_BASELINE,
  TEST01_COMPLIANCE,
  TEST01_FALLBACK_FILES,
  test01DeltaPercent,
  testFolder,
  VERIFY_ACCURACY,
} from '../../checkers/inference/compliance.ts';
import { accuracyTxtParserOf } from '../../checkers/inference/accuracy.ts';
import { compareFileList } from '../../checkers/inference/file-list.ts';
import { canonicalScenario } from '../../checkers/inference/scenarios.ts';
import { reportNumber, type VerifyReport } from '../../parsers/verify-txt.ts';
import type { FileList } from '../../rounds/types.ts';
import type { SubmissionIndex } from '../../tree/submission-index.ts';
import { defineRule } from '../rule.ts';

const TEST01 = 'TEST01';

/** Beside a passing report, the recommended profile also accepts the files of the fallback; the monolith does not. */
const PASSING_FILES_RECOMMENDED: FileList = { ...TEST01_ACCURACY_FILES, optional: [...(TEST01_ACCURACY_FILES.optional ?? []), TEST01_BASELINE, TEST01_COMPLIANCE] };

/** A counter that contradicts TEST PASS: verify_accuracy.py passes only with no data mismatch and at least one match. */
function contradictingCounter(report: VerifyReport): { counter: string; value: string; line: number } | undefined {
  const mismatches = report.assignments.get('num_perf_log_data_mismatch');
  if (mismatches !== undefined && (reportNumber(mismatches) ?? 0) > 0) return { counter: 'num_perf_log_data_mismatch', ...mismatches };
  const matches = report.assignments.get('num_perf_log_qsl_idx_match');
  if (matches !== undefined && reportNumber(matches) === 0) return { counter: 'num_perf_log_qsl_idx_match', ...matches };
  return undefined;
}

type AccuracyFolderFinding =
  | { readonly messageId: 'noAccuracyFolder'; readonly file: string }
  | { readonly messageId: 'missingFile' | 'unexpectedFile'; readonly file: string; readonly name: string };

/** How TEST01/accuracy/ differs from a file list; empty when it matches. */
function accuracyFolderFindings(index: SubmissionIndex, testPath: string, list: FileList): AccuracyFolderFinding[] {
  const folder = `${testPath}/accuracy`;
  if (!index.isDirectory(folder)) return [{ messageId: 'noAccuracyFolder', file: testPath }];
  const { missing, unexpected } = compareFileList(index, folder, list);
  return [
    ...missing.map((name) => ({ messageId: 'missingFile' as const, file: folder, name })),
    ...unexpected.map((name) => ({ messageId: 'unexpectedFile' as const, file: `${folder}/${name}`, name })),
  ];
}

export default defineRule({
  id: 'comp/test01-accuracy',
  meta: {
    description: "TEST01's accuracy check passes: verify_accuracy.txt says TEST PASS, or the non-deterministic fallback shows baseline and compliance accuracy within the round's tolerance.",
    category: 'comp',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'network'],
    rounds: {},
    ruleText: 'inference_rules.adoc §5.1 (the same code and outputs in accuracy and performance mode); submission_rules.adoc §5.13.2; the TEST01 README of mlcommons/inference compliance/ (part III: the non-deterministic fallback and its tolerance).',
    messages: {
      unreadable: '{{name}} {{problem}}, so the outcome of TEST01 cannot be read. Keep the file exactly as the TEST01 scripts wrote it.',
      contradicts: 'TEST01/verify_accuracy.txt says TEST PASS, yet {{counter}} = {{value}}; verify_accuracy.py passes only with no data mismatch and at least one matched sample. Run TEST01 again and keep the report it writes.',
      noAccuracyFolder: 'TEST01 has no accuracy/ folder; {{mode}}, it must hold {{files}}. Copy the TEST01 accuracy log there and add what the TEST01 README asks for.',
      missingFile: 'TEST01/accuracy has no {{name}}; {{mode}}, it must hold {{files}}. Add {{name}} as the TEST01 README describes.',
      unexpectedFile: 'File "{{name}}" does not belong in TEST01/accuracy; {{mode}}, it holds only {{files}}. Remove it.',
      noMetric: '{{name}} has no {{metric}} value the round\'s accuracy pattern can read (or the value is 0), so TEST01 cannot be judged in non-deterministic mode. Save the complete output of the accuracy script in {{name}}.',
      deltaTooLarge: 'The TEST01 accuracy ({{metric}}) differs by {{delta}}% between the baseline ({{baseline}}) and the compliance run ({{compliance}}), more than the {{allowed}}% allowed. The outputs in performance mode differ from those in accuracy mode: make the system produce the same outputs in both modes and run TEST01 again.',
    },
    // Both official checkers reject the result (the monolith crashes on a value float() cannot read: we reject the result).
    rejects: 'scenario',
    official: {},
  },
  async check(context) {
    const { unit, round, profile, index, load, report } = context;
    const scope = await complianceScope(context);
    if (scope === undefined || !scope.tests.includes(TEST01)) return;
    const testPath = testFolder(scope, TEST01);
    const reportFile = `${testPath}/${VERIFY_ACCURACY}`;
    // comp/test-dir and comp/required-files report a missing folder or report.
    const loaded = await loadReport(load, index, reportFile);
    if (loaded === undefined) return;
    if (!loaded.ok) {
      report({ messageId: 'unreadable', file: reportFile, data: { name: `${TEST01}/${VERIFY_ACCURACY}`, problem: loaded.problem } });
      return;
    }

    const reportAccuracyFolder = (list: FileList, mode: string): boolean => {
      const findings = accuracyFolderFindings(index, testPath, list);
      const files = list.required.join(', ');
      for (const finding of findings) {
        if (finding.messageId === 'noAccuracyFolder') report({ messageId: 'noAccuracyFolder', file: finding.file, data: { mode, files } });
        else report({ messageId: finding.messageId, file: finding.file, data: { name: finding.name, mode, files } });
      }
      return findings.length === 0;
    };

    // The modular checker wants a line that is exactly TEST PASS; the monolith, TEST PASS anywhere.
    const outcome = reportPasses(loaded.report, passReading(round, profile, 'line'));
    if (outcome.passed) {
      const contradiction = profile === 'recommended' ? contradictingCounter(loaded.report) : undefined;
      if (contradiction !== undefined) report({ messageId: 'contradicts', file: reportFile, line: contradiction.line, data: { counter: contradiction.counter, value: contradiction.value } });
      // The modular checker looks at TEST01/accuracy/ only in non-deterministic mode.
      if (profile === 'official' && round.officialChecker.kind === 'modular') return;
      reportAccuracyFolder(profile === 'recommended' ? PASSING_FILES_RECOMMENDED : TEST01_ACCURACY_FILES, 'as verify_accuracy.txt passes');
      return;
    }
    const mode = `as verify_accuracy.txt does not pass (${describeFailure(outcome)}) and TEST01 falls back to the non-deterministic check`;
    if (!reportAccuracyFolder(TEST01_FALLBACK_FILES, mode)) return;

    const accuracyFolder = `${testPath}/accuracy`;
    const parser = accuracyTxtParserOf(round);
    const read = async (name: string) => ({ name, file: `${accuracyFolder}/${name}`, parsed: await load(`${accuracyFolder}/${name}`, parser) });
    const [baseline, compliance] = await Promise.all([read(TEST01_BASELINE), read(TEST01_COMPLIANCE)]);
    for (const { name, file, parsed } of [baseline, compliance]) {
      if (!parsed.ok) report({ messageId: 'unreadable', file, data: { name: `${TEST01}/accuracy/${name}`, problem: parsed.problems[0]?.message ?? 'cannot be read' } });
    }
    if (!baseline.parsed.ok || !compliance.parsed.ok) return;

    // The v5.0 monolith looked up the tolerance by the first character of the metric name (issue #2336).
    const checkerQuirk = profile === 'official' && round.id === 'v5.0';
    for (const metric of targetMetrics(scope.modelData, canonicalScenario(unit.scenario))) {
      const baselineReading = lastReading(baseline.parsed.value, metric);
      const complianceReading = lastReading(compliance.parsed.value, metric);
      // float() failing, a missing value and a value of 0 all fail the checkers' comparison.
      if (!baselineReading?.value || !complianceReading?.value) {
        const [output, reading] = baselineReading?.value ? [compliance, complianceReading] : [baseline, baselineReading];
        report({ messageId: 'noMetric', file: output.file, ...(reading !== undefined && { line: reading.line }), data: { name: `${TEST01}/accuracy/${output.name}`, metric } });
        continue;
      }
      const delta = Math.abs(1 - baselineReading.value / complianceReading.value) * 100;
      const allowed = test01DeltaPercent(scope.model, scope.modelData, metric, checkerQuirk);
      if (delta <= allowed) continue;
      report({
        messageId: 'deltaTooLarge',
        file: compliance.file,
        line: complianceReading.line,
        data: { metric, delta: Number(delta.toPrecision(4)), allowed, baseline: baselineReading.text, compliance: complianceReading.text },
      });
    }
  },
});
