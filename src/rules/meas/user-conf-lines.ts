import { hasMeasurementsFolder } from '../../checkers/inference/measurements.ts';
import { loadgenConfParser, MLPERF_CONF_ONLY_SETTINGS, onlyScenarioOf, splitConfKey, type ConfLineProblemKind } from '../../parsers/loadgen-conf.ts';
import { defineRule } from '../rule.ts';

type MessageId =
  | 'noSpaces'
  | 'commentWithoutSpace'
  | 'incomplete'
  | 'expectedEquals'
  | 'nonNumeric'
  | 'severalValues'
  | 'malformedKey'
  | 'unknownScenario'
  | 'unknownSetting'
  | 'wrongScenario'
  | 'mlperfConfOnly';

const MESSAGE_OF: Readonly<Record<ConfLineProblemKind, MessageId>> = {
  'no-spaces': 'noSpaces',
  'comment-without-space': 'commentWithoutSpace',
  incomplete: 'incomplete',
  'expected-equals': 'expectedEquals',
  'non-numeric-value': 'nonNumeric',
  'several-values': 'severalValues',
  'malformed-key': 'malformedKey',
  'unknown-scenario': 'unknownScenario',
  'unknown-setting': 'unknownSetting',
  'wrong-scenario': 'wrongScenario',
};

export default defineRule({
  id: 'meas/user-conf-lines',
  meta: {
    description: 'Every line of user.conf is one LoadGen applies as written: "<model>.<scenario>.<setting> = <number>".',
    category: 'meas',
    scope: 'scenario',
    severity: 'warning',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'submission_rules.adoc §5.8 (user.conf is the LoadGen configuration of the run); inference_rules.adoc §5 (LoadGen runs the benchmark with the submitted settings).',
    messages: {
      noSpaces: '"{{word}}" has no spaces around "=", so LoadGen reads it as a single word and ignores the line without a warning. Write it as "{{suggestion}}".',
      commentWithoutSpace: 'The comment starting "{{key}}" has no space after "#", so LoadGen reads "{{key}}" as a key, expects "=" next and rejects the whole file (error "expected \'key=value\'"): none of its settings apply. Start the comment with "# ".',
      incomplete: '"{{key}}" has no "= <value>" after it, so LoadGen ignores the line. Complete it as "{{key}} = <number>" or remove it.',
      expectedEquals: 'After the key "{{key}}" LoadGen expects a lone "=" but finds "{{word}}", so it rejects the whole file (error "expected \'key=value\'"): none of its settings apply. Put spaces around "=".',
      nonNumeric: 'The value "{{word}}" of "{{key}}" is not an integer or a decimal number, so LoadGen rejects the whole file (error "value needs to be integer or double"): none of its settings apply. Write a number, and put any comment on a line of its own.',
      severalValues: '"{{key}}" has several values on one line; LoadGen silently keeps the last one ({{word}}). Keep one value.',
      malformedKey: 'The key "{{key}}" is not of the form <model>.<scenario>.<setting>, so LoadGen never looks it up and the line has no effect. Write the full key, e.g. "*.Offline.target_qps".',
      unknownScenario: 'The key "{{key}}" names scenario "{{word}}", but LoadGen looks up only SingleStream, MultiStream, Server, Offline and * (case-sensitive; an Interactive run is the model "<model>-interactive" in Server), so the line has no effect. Fix the scenario.',
      unknownSetting: 'LoadGen has no setting "{{word}}", so "{{key}}" has no effect. Check the spelling (e.g. performance_sample_count_override, not performance_sample_count).',
      wrongScenario: 'LoadGen reads "{{word}}" only for the {{scenario}} scenario, so "{{key}}" has no effect. Remove the line, or write it for {{scenario}}.',
      mlperfConfOnly: '"{{key}}" sets {{word}}, which LoadGen takes only from mlperf.conf, so the line has no effect (the official value applies). Remove it.',
    },
    rejects: 'none',
    official: false,
  },
  async check({ unit, index, load, report }) {
    if (!hasMeasurementsFolder(index, unit)) return;
    const file = `${unit.measurementsPath}/user.conf`;
    if (!index.isFile(file)) return;
    const conf = await load(file, loadgenConfParser);
    if (!conf.ok) return;
    const findings: { messageId: MessageId; line: number; data: Record<string, string> }[] = [];
    for (const problem of conf.value.problems) {
      const key = problem.key ?? problem.word;
      findings.push({
        messageId: MESSAGE_OF[problem.kind],
        line: problem.line,
        data: { word: problem.word, key, suggestion: problem.word.replace('=', ' = '), scenario: onlyScenarioOf(problem.word) ?? '' },
      });
    }
    for (const [key, { line }] of conf.value.entries) {
      const setting = splitConfKey(key)?.setting;
      if (setting !== undefined && MLPERF_CONF_ONLY_SETTINGS.includes(setting)) findings.push({ messageId: 'mlperfConfOnly', line, data: { key, word: setting } });
    }
    findings.sort((a, b) => a.line - b.line);
    for (const finding of findings) report({ ...finding, file });
  },
});
