import { equalIssueFromConf } from '../../checkers/inference/measurements.ts';
import { definePerformanceRule, shownValue, type LogFinding, type PerformanceLogInput } from '../../checkers/inference/performance-rule.ts';
import type { Division } from '../../rounds/types.ts';

const SETTING_KEY = 'effective_sample_concatenate_permutation';
/** Where a round's data does not say, equal-issue mode is a closed-division requirement (network follows closed). */
const DEFAULT_DIVISIONS: readonly Division[] = ['closed', 'network'];

type MessageId = 'notEnabled' | 'notInConf' | 'notShown';

/** Python's `value == True`, as the monolith compares the log value. */
function enabledInLog(value: unknown): boolean {
  return value === true || value === 1;
}

/** The benchmark folder name as the v4.1 monolith looks for it in mlperf.conf/user.conf keys. */
function confModelName(benchmark: string): string {
  return benchmark.replaceAll('-99.9', '').replaceAll('-99', '');
}

async function officialFindings(input: PerformanceLogInput): Promise<LogFinding<MessageId>[]> {
  const { round, unit, model, log, load, complianceTest } = input;
  const policy = round.equalIssue;
  if (policy === undefined || !policy.divisions.includes(unit.division)) return [];
  if (policy.officialModels !== undefined && !policy.officialModels.includes(model)) return [];
  if (policy.officialSource === 'conf') {
    // v4.1 checks the setting in check_results_dir for the result's own run only, never for compliance runs.
    if (complianceTest !== undefined) return [];
    const conf = await equalIssueFromConf(load, unit);
    // A conf file the v4.1 parser chokes on stops the whole run; the measurements rules report it.
    if (conf.crashed || conf.enabled) return [];
    return [{ messageId: 'notInConf', data: { model, confModel: confModelName(unit.benchmark), scenario: unit.scenario, folder: unit.measurementsPath } }];
  }
  const event = log.get(SETTING_KEY);
  if (enabledInLog(event?.value)) return [];
  return [{ messageId: 'notEnabled', ...(event && { line: event.line }), data: { model, value: shownValue(event) } }];
}

async function recommendedFindings(input: PerformanceLogInput): Promise<LogFinding<MessageId>[]> {
  const { round, unit, model, log, load } = input;
  if (!(round.equalIssue?.divisions ?? DEFAULT_DIVISIONS).includes(unit.division)) return [];
  const event = log.get(SETTING_KEY);
  if (enabledInLog(event?.value)) return [];
  if (event !== undefined) return [{ messageId: 'notEnabled', line: event.line, data: { model, value: shownValue(event) } }];
  // LoadGen builds of the v4.1 round may not log the setting; the configuration files the run used then tell.
  const conf = await equalIssueFromConf(load, unit);
  if (!conf.crashed && conf.enabled) return [];
  return [{ messageId: 'notShown', data: { model, folder: unit.measurementsPath } }];
}

export default definePerformanceRule({
  id: 'perf/equal-issue',
  meta: {
    description: 'Benchmarks that require equal-issue mode ran with it (sample_concatenate_permutation).',
    category: 'perf',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: "inference_rules.adoc §5 (LoadGen settings of the round's mlperf.conf, which enables sample_concatenate_permutation for these benchmarks) and §3.",
    messages: {
      notEnabled:
        'The {{model}} benchmark must run in equal-issue mode, but the performance log has effective_sample_concatenate_permutation = {{value}}. Keep sample_concatenate_permutation = 1 (the round\'s mlperf.conf sets it; do not override it in user.conf) and re-run.',
      notInConf:
        'The {{model}} benchmark must run in equal-issue mode, and the v4.1 checker accepts that only from a "{{confModel}}.{{scenario}}.sample_concatenate_permutation = 1" line (or one with * for the model or scenario) in mlperf.conf or user.conf of {{folder}}, which has none. Run with that setting and submit the configuration files the run used.',
      notShown:
        'The {{model}} benchmark must run in equal-issue mode, but neither the performance log (no effective_sample_concatenate_permutation event) nor mlperf.conf/user.conf of {{folder}} shows that it did. Run with sample_concatenate_permutation = 1 and an up-to-date LoadGen, and submit the new logs.',
    },
    rejects: 'scenario',
    // The modular checker (v6.0+) asks for it only in round v4.1, which it cannot check, and with the test inverted.
    official: { rounds: { until: 'v5.1' } },
  },
  checkLog(input) {
    if (input.modelData?.equalIssue !== true) return [];
    return input.profile === 'official' ? officialFindings(input) : recommendedFindings(input);
  },
});
