import { accuracyLogContentParser, complianceScope, testFolder } from '../../checkers/inference/compliance.ts';
import { firstTokenIds, outputTokens, tokenIds, tokenWidthOf, trailingEosCount, type TokenWidth } from '../../checkers/inference/output-tokens.ts';
import { canonicalScenario } from '../../checkers/inference/scenarios.ts';
import { accuracySamplesParser, type LoggedSample } from '../../parsers/accuracy-log.ts';
import { defineRule } from '../rule.ts';

const ACCURACY_LOG = 'accuracy/mlperf_log_accuracy.json';
/** Failing samples named in a message. */
const EXAMPLES = 3;

/** `data` holds exactly `token_count` token ids (TEST06 sample length check). */
function lengthMatches(sample: LoggedSample, width: TokenWidth): boolean {
  const tokens = outputTokens(sample, width);
  return tokens !== undefined && tokens === sample.tokenCount;
}

/** The first-token payload is the start of the output (TEST06 first token check: compared token by token, as zip does). */
function firstTokenMatches(sample: LoggedSample, width: TokenWidth): boolean {
  if (sample.tokenData === undefined) return false;
  const reported = tokenIds(sample.tokenData, width);
  const output = firstTokenIds(sample, width);
  return reported.every((token, position) => position >= output.length || token === output[position]);
}

function describe(samples: readonly LoggedSample[]): string {
  const named = samples.slice(0, EXAMPLES).map((sample) => `qsl_idx ${sample.qslIdx ?? '?'} at line ${sample.line}`);
  return `${named.join(', ')}${samples.length > EXAMPLES ? ', …' : ''}`;
}

export default defineRule({
  id: 'comp/test06-recheck',
  meta: {
    description: 'The samples TEST06 logged pass its three checks when recomputed from TEST06/accuracy/mlperf_log_accuracy.json: at most one trailing EOS token, the reported first token is the first token of the output, and token_count is the length of the output.',
    category: 'comp',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'network'],
    rounds: {},
    ruleText: 'submission_rules.adoc §5.13.2 (TEST06 for the LLM benchmarks); the TEST06 README of mlcommons/inference compliance/ (outputs end with zero or one EOS token; the first token reported matches the output; the reported token count matches the output length).',
    messages: {
      eos: 'TEST06/{{name}} has {{count}} of {{total}} samples ending with two or more EOS tokens ({{eos}}): {{examples}}. Padding outputs with EOS tokens inflates the token throughput; stop each output at its first EOS token and run TEST06 again.',
      firstToken: 'TEST06/{{name}} has {{count}} of {{total}} samples whose reported first token (token_data) is not the first token of the output: {{examples}}. Report the first token of the output when the first token is ready (FirstTokenComplete) and run TEST06 again.',
      length: 'TEST06/{{name}} has {{count}} of {{total}} samples whose token_count is not the number of {{bits}}-bit token ids in the output: {{examples}}. Report with each response the number of tokens it holds and run TEST06 again.',
      malformed: 'TEST06/{{name}} {{problem}}, so the TEST06 checks cannot be recomputed from it. Keep the accuracy log that run_verification.py copies into TEST06/accuracy.',
      truncated: 'TEST06/{{name}} is truncated, so the TEST06 checks cannot be recomputed from it. Keep the TEST06 accuracy log whole: truncate_accuracy_log.py does not truncate it.',
    },
    messageSeverities: { truncated: 'info' },
    rejects: 'scenario',
    // The official checkers trust verify_accuracy.txt (comp/test06), whose EOS check passes whatever the log holds when
    // the EOS id is given on the command line (spec §0.5 #7, §4.4).
    official: false,
  },
  async check(context) {
    const { unit, index, load, report } = context;
    const scope = await complianceScope(context);
    if (scope === undefined || !scope.tests.includes('TEST06')) return;
    const file = `${testFolder(scope, 'TEST06')}/${ACCURACY_LOG}`;
    if (!index.isFile(file)) return;
    // A missing, empty or non-array log is comp/test06's finding.
    const content = await load(file, accuracyLogContentParser);
    if (!content.ok || content.value.empty) return;
    const loaded = await load(file, accuracySamplesParser);
    const problem = loaded.ok ? loaded.value.problems[0] : loaded.problems[0];
    if (!loaded.ok || problem !== undefined) {
      report({ messageId: 'malformed', file, ...(problem?.line !== undefined && { line: problem.line }), data: { name: ACCURACY_LOG, problem: problem?.message ?? 'cannot be read' } });
      return;
    }
    const log = loaded.value;
    if (log.form === 'truncated') {
      report({ messageId: 'truncated', file, data: { name: ACCURACY_LOG } });
      return;
    }
    const { samples } = log;
    const width = tokenWidthOf(samples);
    const data = { name: ACCURACY_LOG, total: samples.length };

    const eosIds = scope.modelData.eosTokenIds;
    if (eosIds !== undefined) {
      const eosSet = new Set(eosIds);
      const padded = samples.filter((sample) => trailingEosCount(sample, width, eosSet) >= 2);
      if (padded.length > 0) report({ messageId: 'eos', file, line: padded[0]?.line, data: { ...data, count: padded.length, eos: `EOS ${eosIds.join(' or ')}`, examples: describe(padded) } });
    }
    // LoadGen reports a first token in every scenario but Offline.
    if (canonicalScenario(unit.scenario) !== 'Offline') {
      const wrong = samples.filter((sample) => !firstTokenMatches(sample, width));
      if (wrong.length > 0) report({ messageId: 'firstToken', file, line: wrong[0]?.line, data: { ...data, count: wrong.length, examples: describe(wrong) } });
    }
    const miscounted = samples.filter((sample) => !lengthMatches(sample, width));
    if (miscounted.length > 0) report({ messageId: 'length', file, line: miscounted[0]?.line, data: { ...data, count: miscounted.length, bits: 8 * width, examples: describe(miscounted) } });
  },
});
