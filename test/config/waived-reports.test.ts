import { describe, expect, it } from 'vitest';
import type { AuditResult } from '../../src/checkers/inference/audit-submission.ts';
import { exitCodeOf } from '../../src/cli/exit-code.ts';
import type { Diagnostic } from '../../src/report/diagnostic.ts';
import { toJsonReport } from '../../src/report/json.ts';
import { stylishReporter } from '../../src/report/stylish.ts';

const LOG = 'closed/Acme/results/sys/resnet50/Offline/performance/run_1/mlperf_log_detail.txt';

const waivedError: Diagnostic = {
  ruleId: 'struct/copied-logs',
  messageId: 'copied',
  severity: 'error',
  message: 'This performance run log is byte-identical to another.',
  file: LOG,
  unit: { kind: 'root', path: '' },
  suppression: { kind: 'waiver', justification: 'Logged twice by the dry run', approvedBy: 'Results chair', source: { file: 'mlperf-audit.config.yaml', index: 0, line: 4 } },
};
const warning: Diagnostic = {
  ruleId: 'config/unused-waiver',
  messageId: 'unused',
  severity: 'warning',
  message: 'Waiver 2 (perf/test-mode at closed/Other) matched no finding: remove it.',
  file: 'mlperf-audit.config.yaml',
  line: 9,
  unit: { kind: 'root', path: '' },
};

function resultWith(diagnostics: readonly Diagnostic[]): AuditResult {
  return {
    tool: { name: 'mlperf-audit', version: '0.0.0' },
    root: 'submission',
    round: { id: 'v6.0', detected: false },
    profile: 'recommended',
    officialChecker: 'modular',
    diagnostics,
    results: [],
    rejections: [],
    rules: [],
    stats: { entries: 1, durationMs: 1 },
  };
}

describe('waived findings in the reports', () => {
  it('stylish shows them dimmed with the justification and approver, and counts them apart', () => {
    const text = stylishReporter(resultWith([waivedError, warning]), { color: false });
    expect(text).toContain(`${LOG}\n  error  This performance run log is byte-identical to another. (waived: Logged twice by the dry run — Results chair)  struct/copied-logs`);
    expect(text).toContain('mlperf-audit.config.yaml\n  9:1  warning  Waiver 2');
    expect(text).toContain('✖ 1 problem (0 errors, 1 warning), and 1 waived');
    expect(stylishReporter(resultWith([waivedError]), { color: false })).toContain('✔ No problems found (1 waived).');
    expect(stylishReporter(resultWith([waivedError]), { color: true })).toMatch(/\u001b\[2merror\u001b\[22m/);
  });

  it('json keeps the suppression on the diagnostic and leaves waived findings out of the counts', () => {
    const report = toJsonReport(resultWith([waivedError, warning]));
    expect(report.diagnostics[0]?.suppression).toEqual(waivedError.suppression);
    expect(report.summary).toMatchObject({ errors: 0, warnings: 1, infos: 0, waived: 1 });
  });

  it('the exit code and --max-warnings ignore them', () => {
    expect(exitCodeOf(resultWith([waivedError]), undefined)).toBe(0);
    expect(exitCodeOf(resultWith([{ ...waivedError, severity: 'warning' }]), 0)).toBe(0);
    expect(exitCodeOf(resultWith([waivedError, warning]), 0)).toBe(1);
    expect(exitCodeOf(resultWith([{ ...waivedError, suppression: undefined }]), undefined)).toBe(1);
  });
});
