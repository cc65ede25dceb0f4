import { shownValue } from '../../checkers/inference/performance-rule.ts';
import { resultRuns } from '../../checkers/inference/result-runs.ts';
import type { MllogValue } from '../../parsers/mllog.ts';
import { defineRule } from '../rule.ts';

/** The warning LoadGen logs when it applies an audit.config found in its working directory. */
const AUDIT_WARNING = 'Found Audit Config file';

/** One setting an audit.config imposes, as LoadGen logs it (`effective_*`). */
interface AuditSetting {
  readonly key: string;
  /** What the audit.config sets, for messages. */
  readonly expected: string;
  readonly holds: (value: MllogValue) => boolean;
}

/** The accuracy-log seed of every audit.config that samples the run's outputs (compliance/TEST01, TEST07, TEST09). */
const ACCURACY_LOG_SEED = '720381539243781796';

const SAMPLED_OUTPUTS: readonly AuditSetting[] = [
  // LoadGen keeps 64-bit seeds exact only as bigint; compare the digits.
  { key: 'effective_accuracy_log_rng_seed', expected: ACCURACY_LOG_SEED, holds: (value) => (typeof value === 'bigint' || typeof value === 'number') && value.toString() === ACCURACY_LOG_SEED },
  { key: 'effective_accuracy_log_sampling_target', expected: 'a positive sample count', holds: (value) => typeof value === 'number' && value > 0 },
];

/** The settings each test's audit.config imposes (mlcommons/inference compliance/TESTxx/…/audit.config). */
const AUDIT_SETTINGS: Readonly<Record<string, readonly AuditSetting[]>> = {
  TEST01: SAMPLED_OUTPUTS,
  TEST04: [
    { key: 'effective_performance_issue_same', expected: 'true', holds: (value) => value === true },
    { key: 'effective_performance_issue_same_index', expected: '3', holds: (value) => value === 3 },
    { key: 'effective_performance_issue_unique', expected: 'false', holds: (value) => value === false },
  ],
  TEST07: SAMPLED_OUTPUTS,
  TEST09: SAMPLED_OUTPUTS,
};

export default defineRule({
  id: 'comp/audit-settings',
  meta: {
    description: "Each compliance run applied its test's audit.config (LoadGen's audit warning and the settings it imposes), and the result's own performance and accuracy runs did not.",
    category: 'comp',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText:
      'submission_rules.adoc §5.13.2 (the compliance tests are run with the audit.config of each test) and inference_rules.adoc §5.1 and §9 (caching is prohibited: TEST04 repeats one sample to detect it); the result\'s own runs use the submission settings (inference_rules.adoc §5).',
    messages: {
      notAudited:
        'The log of the {{run}} has no "Found Audit Config file" warning, so LoadGen did not read the {{test}} audit.config: the run is an ordinary performance run and {{test}} did not test what its report says. Copy the audit.config of {{test}} for this benchmark into the working directory, re-run {{test}} and submit its logs.',
      wrongSetting:
        'The {{run}} ran with {{key}} = {{found}}, but the {{test}} audit.config sets {{expected}}: LoadGen did not apply that audit.config (or the log was edited), so {{test}} did not test what its report says. Copy the audit.config of {{test}} for this benchmark into the working directory, re-run {{test}} and submit its logs.',
      auditInResultRun:
        'The {{run}} read an audit.config (LoadGen logged "{{warning}}"), so it ran with the settings of a compliance test instead of the submission\'s. Remove audit.config from the working directory, re-run and submit the new logs.',
      missingSetting:
        'The log of the {{run}} has no {{key}} event, so whether it ran with the {{test}} audit.config cannot be verified. Submit the complete mlperf_log_detail.txt as LoadGen wrote it.',
    },
    messageSeverities: { missingSetting: 'info' },
    rejects: 'scenario',
    official: false,
  },
  async check({ unit, index, load, round, report }) {
    for (const run of await resultRuns({ unit, index, load, round })) {
      const warning = run.log.warnings.find((event) => String(event.value).includes(AUDIT_WARNING));
      if (run.role !== 'compliance') {
        if (warning !== undefined) report({ messageId: 'auditInResultRun', file: run.path, line: warning.line, data: { run: run.name, warning: String(warning.value).trim() } });
        continue;
      }
      const test = run.test ?? '';
      if (warning === undefined) {
        report({ messageId: 'notAudited', file: run.path, data: { run: run.name, test } });
        continue;
      }
      for (const setting of AUDIT_SETTINGS[test] ?? []) {
        const event = run.log.get(setting.key);
        if (event === undefined) report({ messageId: 'missingSetting', file: run.path, data: { run: run.name, key: setting.key, test } });
        else if (!setting.holds(event.value)) {
          report({ messageId: 'wrongSetting', file: run.path, line: event.line, data: { run: run.name, key: setting.key, found: shownValue(event), expected: setting.expected, test } });
        }
      }
    }
  },
});

