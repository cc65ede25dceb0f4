import { accuracyTxtParserOf } from '../../checkers/inference/accuracy.ts';
import { lastReading, targetMetrics, test01DeltaPercent, TEST01_BASELINE, TEST01_COMPLIANCE } from '../../checkers/inference/compliance.ts';
import { canonicalScenario } from '../../checkers/inference/scenarios.ts';
import { loadEntries, test01Files, type Test01Files } from '../../checkers/inference/test01-logs.ts';
import { DLRM_LABELS_IN_LOG, dlrmScoresParser, rocAuc } from '../../checkers/inference/test01-metrics.ts';
import type { Load } from '../../checkers/inference/result-metric.ts';
import { textParser } from '../../parsers/text-file.ts';
import type { SubmissionIndex } from '../../tree/submission-index.ts';
import { defineRule } from '../rule.ts';

/** The accuracy scripts print percentages with three decimals: a recomputed value may differ by half a unit. */
const PRINTED_HALF_UNIT = 0.0005 + 1e-9;

type Recomputed = { readonly ok: true; readonly baseline: number; readonly compliance: number } | { readonly ok: false; readonly reason: string };

/**
 * The metric of the baseline and the compliance run recomputed from the logs, where the logs alone allow it: the AUC
 * of dlrm-v2 when its payloads carry the labels (accuracy-dlrm.py says so in its output). Every other TEST01 model's
 * metric needs the ground truth of its dataset.
 */
async function recompute(load: Load, index: SubmissionIndex, files: Test01Files, model: string, metric: string): Promise<Recomputed> {
  if (!model.startsWith('dlrm') || metric !== 'AUC') {
    return { ok: false, reason: `recomputing them needs the ground truth of the ${model} dataset, which a submission does not carry` };
  }
  const texts = await Promise.all([load(files.baseline, textParser), load(files.compliance, textParser)]);
  if (!texts.every((text) => text.ok && text.value.split(/\r?\n/).some((line) => line.trim() === DLRM_LABELS_IN_LOG))) {
    return { ok: false, reason: 'the DLRM responses do not carry the ground-truth labels (the accuracy script read them from the dataset), which a submission does not carry' };
  }
  const [test, reference] = await Promise.all([loadEntries(load, index, files.accuracyLog), loadEntries(load, index, files.accuracyRunLog)]);
  if (!test?.ok || !reference?.ok) return { ok: false, reason: "TEST01's accuracy log or the accuracy run's log cannot be read" };
  const truncated = [...(test.entries.form === 'truncated' ? ["TEST01's accuracy log"] : []), ...(reference.entries.form === 'truncated' ? ["the accuracy run's log"] : [])];
  if (truncated.length > 0) return { ok: false, reason: `${truncated.join(' and ')} ${truncated.length > 1 ? 'are' : 'is'} truncated` };
  // create_accuracy_baseline.sh keeps the accuracy run's records of the samples the TEST01 log holds.
  const samples = new Set(test.entries.entries.map((entry) => entry.qslIdx));
  const [compliance, baseline] = await Promise.all([load(files.accuracyLog, dlrmScoresParser()), load(files.accuracyRunLog, dlrmScoresParser(samples))]);
  if (!compliance.ok || !baseline.ok) return { ok: false, reason: 'a response is not whole float32 (prediction, label) pairs' };
  const complianceAuc = rocAuc(compliance.value.predictions, compliance.value.labels);
  const baselineAuc = rocAuc(baseline.value.predictions, baseline.value.labels);
  if (complianceAuc === undefined || baselineAuc === undefined) return { ok: false, reason: 'the labels in the responses are not 0 and 1, with both present' };
  return { ok: true, baseline: baselineAuc * 100, compliance: complianceAuc * 100 };
}

export default defineRule({
  id: 'comp/test01-delta',
  meta: {
    description: "When TEST01 falls back to its non-deterministic check, the baseline and compliance accuracy are within the round's tolerance, recomputed from baseline_accuracy.txt and compliance_accuracy.txt whatever verify_accuracy.txt says, and from the logs where they allow it.",
    category: 'comp',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'network'],
    rounds: {},
    ruleText: 'inference_rules.adoc §5.1 (the same outputs in accuracy and performance mode); submission_rules.adoc §5.13.2 (TEST01); the TEST01 README of mlcommons/inference compliance/, part III (the non-deterministic fallback and its tolerance).',
    messages: {
      noMetric: 'TEST01/accuracy/{{name}} has no {{metric}} value the round\'s accuracy pattern can read (or the value is 0), so the non-deterministic TEST01 check cannot be made. Save the complete output of the accuracy script in {{name}}.',
      deltaTooLarge:
        'The TEST01 accuracy ({{metric}}) differs by {{delta}}% between the baseline ({{baseline}}) and the performance-mode run ({{compliance}}){{source}}, more than the {{allowed}}% allowed. The outputs in performance mode differ from those in accuracy mode: make the system produce the same outputs in both modes and run TEST01 again.',
      textDisagrees: 'TEST01/accuracy/{{name}} gives {{metric}} {{written}}, but the logs it was computed from give {{recomputed}}. Run the accuracy script on the TEST01 logs again and keep its output as it prints it.',
      notRecomputed: 'The {{metrics}} values of baseline_accuracy.txt and compliance_accuracy.txt are taken as written, because {{reason}}.',
    },
    messageSeverities: { notRecomputed: 'info' },
    rejects: 'scenario',
    // The official checkers look at the fallback files only when verify_accuracy.txt does not pass, and never
    // recompute the metric from the logs (comp/test01-accuracy).
    official: false,
  },
  async check(context) {
    const { unit, round, index, load, report } = context;
    const files = await test01Files(context);
    if (files === undefined || !index.isFile(files.baseline) || !index.isFile(files.compliance)) return;
    const parser = accuracyTxtParserOf(round);
    const [baseline, compliance] = await Promise.all([load(files.baseline, parser), load(files.compliance, parser)]);
    // comp/test01-accuracy reports outputs that cannot be read.
    if (!baseline.ok || !compliance.ok) return;
    const { model, modelData } = files.scope;
    const notRecomputed = new Map<string, string[]>();
    for (const metric of targetMetrics(modelData, canonicalScenario(unit.scenario))) {
      const written = { baseline: lastReading(baseline.value, metric), compliance: lastReading(compliance.value, metric) };
      const missing = !written.baseline?.value ? ([TEST01_BASELINE, files.baseline, written.baseline] as const) : !written.compliance?.value ? ([TEST01_COMPLIANCE, files.compliance, written.compliance] as const) : undefined;
      if (missing !== undefined) {
        const [name, file, reading] = missing;
        report({ messageId: 'noMetric', file, ...(reading !== undefined && { line: reading.line }), data: { name, metric } });
        continue;
      }
      let values = { baseline: written.baseline?.value ?? 0, compliance: written.compliance?.value ?? 0 };
      let shown = { baseline: written.baseline?.text ?? '', compliance: written.compliance?.text ?? '' };
      let source = ' (as baseline_accuracy.txt and compliance_accuracy.txt give them)';
      const recomputed = await recompute(load, index, files, model, metric);
      if (recomputed.ok) {
        for (const [name, file, reading, value] of [
          [TEST01_BASELINE, files.baseline, written.baseline, recomputed.baseline],
          [TEST01_COMPLIANCE, files.compliance, written.compliance, recomputed.compliance],
        ] as const) {
          if (reading?.value === undefined || Math.abs(reading.value - value) <= PRINTED_HALF_UNIT) continue;
          report({ messageId: 'textDisagrees', file, line: reading.line, data: { name, metric, written: reading.text, recomputed: value.toFixed(3) } });
        }
        values = { baseline: recomputed.baseline, compliance: recomputed.compliance };
        shown = { baseline: recomputed.baseline.toFixed(3), compliance: recomputed.compliance.toFixed(3) };
        source = ' (recomputed from the logs)';
      } else {
        notRecomputed.set(recomputed.reason, [...(notRecomputed.get(recomputed.reason) ?? []), metric]);
      }
      const delta = Math.abs(1 - values.baseline / values.compliance) * 100;
      const allowed = test01DeltaPercent(model, modelData, metric, false);
      if (delta <= allowed) continue;
      report({
        messageId: 'deltaTooLarge',
        file: files.compliance,
        ...(written.compliance !== undefined && { line: written.compliance.line }),
        data: { metric, delta: Number(delta.toPrecision(4)), allowed, baseline: shown.baseline, compliance: shown.compliance, source },
      });
    }
    // Once per result: the metrics of one model share the reason.
    for (const [reason, metrics] of notRecomputed) report({ messageId: 'notRecomputed', file: files.compliance, data: { metrics: metrics.join(' and '), reason } });
  },
});
