import { accuracyJsonPath, accuracyTxtPath } from '../../checkers/inference/accuracy.ts';
import { outputTokens, tokenWidthOf } from '../../checkers/inference/output-tokens.ts';
import { accuracyCountsParser, type AccuracyCounts, type PrintedNumber } from '../../parsers/accuracy-counts.ts';
import { accuracyLogParser, accuracySamplesParser, type LoggedSample } from '../../parsers/accuracy-log.ts';
import { defineRule } from '../rule.ts';

/** Half a unit of the last decimal a number was printed with: a difference within it is rounding. */
function roundingOf(printed: PrintedNumber): number {
  const decimals = printed.text.split('.')[1]?.length ?? 0;
  return 0.5 * 10 ** -decimals + 1e-9;
}

/** Whether a printed number is the computed one, up to its rounding. */
const agrees = (printed: PrintedNumber, computed: number): boolean => Math.abs(printed.value - computed) <= roundingOf(printed);

/** The counts an accuracy script computes from the log alone, the way the LLM scripts do (first record of each sample). */
interface Recomputed {
  readonly samples: number;
  /** Undefined when some output is not a whole number of token ids. */
  readonly tokens?: number;
  readonly bits: number;
}

function recompute(samples: readonly LoggedSample[]): Recomputed {
  const width = tokenWidthOf(samples);
  const seen = new Set<number>();
  let tokens: number | undefined = 0;
  for (const sample of samples) {
    if (sample.qslIdx === undefined || seen.has(sample.qslIdx)) continue;
    seen.add(sample.qslIdx);
    const count = outputTokens(sample, width);
    tokens = count === undefined || tokens === undefined ? undefined : tokens + count;
  }
  return { samples: seen.size, ...(tokens !== undefined && { tokens }), bits: 8 * width };
}

const reportedKeys = (counts: AccuracyCounts): string[] => [counts.samples, counts.outputTokens, counts.tokensPerSample].flatMap((printed) => (printed ? [printed.key] : []));

export default defineRule({
  id: 'acc/reproduce',
  meta: {
    description: 'The sample and token counts accuracy.txt reports (gen_num, gen_tok_len, tokens_per_sample) agree with each other and, where the accuracy log is complete, with the log.',
    category: 'acc',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'inference_rules.adoc §5.1 and §4.1 (accuracy is computed by the reference accuracy script from the accuracy run\'s log); the token-per-sample bounds of the LLM benchmarks (§4.1 tables) rest on these counts.',
    messages: {
      mismatch: 'accuracy.txt reports {{key}} {{reported}}, but the accuracy log gives {{computed}} ({{how}}). Score the submitted mlperf_log_accuracy.json with the benchmark\'s accuracy script (with the --dtype of the token ids the SUT returns) and keep its output.',
      inconsistent: 'accuracy.txt reports {{key}} {{reported}}, but its own gen_tok_len {{tokens}} over gen_num {{samples}} gives {{computed}}. Keep the output of the accuracy script as it printed it.',
      truncated: 'mlperf_log_accuracy.json is truncated, so the {{keys}} that accuracy.txt reports cannot be recomputed from it. Nothing to fix: truncate_accuracy_log.py keeps only both ends of the log.',
    },
    messageSeverities: { truncated: 'info' },
    rejects: 'scenario',
    // No official checker recomputes anything from the accuracy log.
    official: false,
  },
  async check({ unit, index, load, report }) {
    const txtPath = accuracyTxtPath(unit.path);
    if (!index.isFile(txtPath)) return;
    const loadedCounts = await load(txtPath, accuracyCountsParser);
    // Only the LLM scripts print counts that the log alone determines.
    if (!loadedCounts.ok || reportedKeys(loadedCounts.value).length === 0) return;
    const counts = loadedCounts.value;

    const { samples, outputTokens: tokens, tokensPerSample } = counts;
    if (samples !== undefined && tokens !== undefined && tokensPerSample?.key === 'tokens_per_sample' && samples.value > 0) {
      const mean = tokens.value / samples.value;
      if (!agrees(tokensPerSample, mean)) {
        report({ messageId: 'inconsistent', file: txtPath, line: tokensPerSample.line, data: { key: tokensPerSample.key, reported: tokensPerSample.text, tokens: tokens.text, samples: samples.text, computed: mean.toFixed(1) } });
      }
    }

    const logPath = accuracyJsonPath(unit.path);
    if (!index.isFile(logPath)) return;
    const summary = await load(logPath, accuracyLogParser);
    // A malformed log is acc/json-truncated's or acc/log-coverage's finding, an empty one acc/log-coverage's.
    if (!summary.ok || summary.value.problems.length > 0 || summary.value.records === 0) return;
    if (summary.value.form === 'truncated') {
      report({ messageId: 'truncated', file: logPath, data: { keys: reportedKeys(counts).join(', ') } });
      return;
    }
    const logged = await load(logPath, accuracySamplesParser);
    if (!logged.ok) return;
    const computed = recompute(logged.value.samples);
    const mismatch = (printed: PrintedNumber, value: string, how: string): void =>
      report({ messageId: 'mismatch', file: txtPath, line: printed.line, data: { key: printed.key, reported: printed.text, computed: value, how } });
    if (samples !== undefined && samples.value !== computed.samples) mismatch(samples, String(computed.samples), 'distinct qsl_idx values');
    if (computed.tokens === undefined) return;
    const tokenIds = `${computed.bits}-bit token ids`;
    if (tokens !== undefined && tokens.value !== computed.tokens) mismatch(tokens, String(computed.tokens), `${tokenIds} in the first record of each of ${computed.samples} samples`);
    if (tokensPerSample !== undefined && computed.samples > 0) {
      const mean = computed.tokens / computed.samples;
      if (!agrees(tokensPerSample, mean)) mismatch(tokensPerSample, mean.toFixed(4), `${computed.tokens} ${tokenIds} over ${computed.samples} samples`);
    }
  },
});
