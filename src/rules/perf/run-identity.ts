import { shownValue } from '../../checkers/inference/performance-rule.ts';
import { resultRuns, type ResultRun } from '../../checkers/inference/result-runs.ts';
import { canonicalScenario } from '../../checkers/inference/scenarios.ts';
import type { MllogEvent } from '../../parsers/mllog.ts';
import { defineRule, type ReportDescriptor } from '../rule.ts';

type MessageId = 'differentScenario' | 'differentSut' | 'differentRelease' | 'commitDateMismatch' | 'differentQsl' | 'cannotCompare';

const IDENTITY_KEYS = ['effective_scenario', 'sut_name', 'loadgen_version', 'loadgen_git_commit_date'];
const QSL_KEYS = ['qsl_reported_total_count', 'qsl_reported_performance_count'];
/**
 * Compliance tests that run the benchmark's own data set in performance mode, as the performance run does. The
 * accuracy run may load its set differently (a subset for gpt-oss-120b, a QSL sized for accuracy), and TEST07 and
 * TEST09 bring data sets of their own.
 */
const SAME_DATA_TESTS: ReadonlySet<string> = new Set(['TEST01', 'TEST04', 'TEST05']);

/** `6.0` of `6.0.9 @ 3f25191d47` (`4.1 @ a248595cf5` before v5.0). */
function release(version: string): string | undefined {
  return /^(\d+\.\d+)/.exec(version)?.[1];
}

function text(event: MllogEvent): string {
  return typeof event.value === 'string' ? event.value : shownValue(event);
}

/**
 * The differences between another run of the result and its performance run. `folderScenario` is the scenario LoadGen
 * runs for the result's folder (Server for Interactive): a result inferred from another scenario's performance run
 * (edge MultiStream or Offline from SingleStream) may have its other runs in its own scenario.
 */
function differences(reference: ResultRun, run: ResultRun, folderScenario: string | undefined): ReportDescriptor<MessageId>[] {
  const keys = [...IDENTITY_KEYS, ...(run.role === 'compliance' && SAME_DATA_TESTS.has(run.test ?? '') ? QSL_KEYS : [])];
  const missing = keys.filter((key) => !reference.log.has(key) || !run.log.has(key));
  const found: ReportDescriptor<MessageId>[] = [];
  const at = (key: string): { file: string; line?: number } => {
    const line = run.log.get(key)?.line;
    return { file: run.path, ...(line !== undefined && { line }) };
  };
  const pair = (key: string): [string, string] | undefined => {
    const [ours, theirs] = [reference.log.get(key), run.log.get(key)];
    return ours === undefined || theirs === undefined ? undefined : [text(ours), text(theirs)];
  };
  const scenario = pair('effective_scenario');
  if (scenario && scenario[0] !== scenario[1] && scenario[1] !== folderScenario) found.push({ messageId: 'differentScenario', ...at('effective_scenario'), data: { run: run.name, found: scenario[1], expected: scenario[0] } });
  const sut = pair('sut_name');
  if (sut && sut[0] !== sut[1]) found.push({ messageId: 'differentSut', ...at('sut_name'), data: { run: run.name, found: sut[1], expected: sut[0] } });
  const version = pair('loadgen_version');
  const commitDate = pair('loadgen_git_commit_date');
  if (version && release(version[0]) !== release(version[1])) {
    found.push({ messageId: 'differentRelease', ...at('loadgen_version'), data: { run: run.name, found: version[1], expected: version[0] } });
  } else if (version && version[0] === version[1] && commitDate && commitDate[0] !== commitDate[1]) {
    // Another commit of the same release is legitimate; the same commit with another date is not.
    found.push({ messageId: 'commitDateMismatch', ...at('loadgen_git_commit_date'), data: { run: run.name, version: version[0], found: commitDate[1], expected: commitDate[0] } });
  }
  for (const key of QSL_KEYS.filter((name) => keys.includes(name))) {
    const counts = pair(key);
    if (counts && counts[0] !== counts[1]) found.push({ messageId: 'differentQsl', ...at(key), data: { run: run.name, key, found: counts[1], expected: counts[0] } });
  }
  if (missing.length > 0) found.push({ messageId: 'cannotCompare', file: run.path, data: { run: run.name, keys: missing.join(', ') } });
  return found;
}

export default defineRule({
  id: 'perf/run-identity',
  meta: {
    description: 'The accuracy run and the compliance runs of a result come from the same system under test, scenario and LoadGen release as its performance run.',
    category: 'perf',
    scope: 'scenario',
    severity: 'warning',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText:
      'inference_rules.adoc §5 (the accuracy run is otherwise identical to the performance run; the LoadGen of a tagged revision is used) and §2.2 (the same system and framework for a set of results); submission_rules.adoc §5.13.2 (the compliance tests run the submitted system).',
    messages: {
      differentScenario:
        'The {{run}} ran the {{found}} scenario (effective_scenario), but the performance run of this result ran {{expected}}: its log belongs to another result. Submit the logs of a {{expected}} run of this system in this result.',
      differentSut:
        'The {{run}} names the system under test "{{found}}" (sut_name), but the performance run names it "{{expected}}". The runs of one result must come from the same system under test: submit the logs of runs of the submitted system, or make the harness report one name.',
      differentRelease:
        'The {{run}} used LoadGen {{found}} (loadgen_version), but the performance run used {{expected}}, another release. The runs of one result must use the LoadGen release of the round: re-run with it.',
      commitDateMismatch:
        'The {{run}} and the performance run both report LoadGen {{version}}, yet its commit date is {{found}} where the performance run says {{expected}} (loadgen_git_commit_date): one build of one commit has one date, so a log was edited or LoadGen was built from a modified checkout. Submit the logs as LoadGen wrote them, from an unmodified build.',
      differentQsl:
        'The {{run}} reports {{key}} = {{found}}, but the performance run reports {{expected}}: a compliance run must load the same data set the same way as the performance run it checks. Re-run the test with the settings of the performance run.',
      cannotCompare:
        'The logs of the {{run}} and of the performance run do not both have {{keys}}, so whether they come from the same system and LoadGen cannot be verified. Submit the complete mlperf_log_detail.txt files as LoadGen wrote them.',
    },
    // The scenario decides which result a run belongs to; the other fields may differ for reasons the rule cannot see.
    messageSeverities: { differentScenario: 'error', cannotCompare: 'info' },
    rejects: 'scenario',
    official: false,
  },
  async check({ unit, index, load, round, report }) {
    const runs = await resultRuns({ unit, index, load, round });
    const reference = runs.find((run) => run.role === 'performance');
    if (reference === undefined) return;
    const scenario = canonicalScenario(unit.scenario);
    const folderScenario = scenario === 'Interactive' ? 'Server' : scenario;
    for (const run of runs) {
      if (run === reference) continue;
      for (const finding of differences(reference, run, folderScenario)) report(finding);
    }
  },
});

