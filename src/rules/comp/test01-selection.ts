import { loadReport, VERIFY_ACCURACY } from '../../checkers/inference/compliance.ts';
import { SELECTION_DRAW_BUDGET, selectedSamples, type SelectedSample } from '../../checkers/inference/loadgen-sampling.ts';
import { firstFew, loadEntries, loadTest01Run, samplingPlan, survivingSeqIds, test01Files, type SamplingPlan } from '../../checkers/inference/test01-logs.ts';
import { reportNumber } from '../../parsers/verify-txt.ts';
import { defineRule } from '../rule.ts';

const LOG_NAME = 'TEST01/accuracy/mlperf_log_accuracy.json';

interface Survivor {
  readonly seqId: number;
  readonly qslIdx?: number;
  readonly line: number;
}

/** Entries LoadGen would not have written: not selected, never issued, or a seq_id written twice. */
function addedEntries(survivors: readonly Survivor[], selected: ReadonlyMap<number, SelectedSample['fate']>, plan: SamplingPlan): { entries: Survivor[]; why: string } {
  const seen = new Set<number>();
  const notSelected: Survivor[] = [];
  const notIssued: Survivor[] = [];
  const repeated: Survivor[] = [];
  for (const survivor of survivors) {
    if (seen.has(survivor.seqId)) repeated.push(survivor);
    else if (survivor.seqId >= plan.issued) notIssued.push(survivor);
    else if (!selected.has(survivor.seqId)) notSelected.push(survivor);
    seen.add(survivor.seqId);
  }
  const reasons = [
    ...(notSelected.length > 0 ? [`${notSelected.length} not chosen by LoadGen's sampling (p = ${plan.thresholdText})`] : []),
    ...(notIssued.length > 0 ? [`${notIssued.length} beyond the ${plan.issued} samples issued (${plan.issuedText})`] : []),
    ...(repeated.length > 0 ? [`${repeated.length} repeating a seq_id already logged`] : []),
  ];
  const entries = [...notSelected, ...notIssued, ...repeated].sort((a, b) => a.line - b.line);
  return { entries, why: reasons.join(', ') };
}

/** Entries whose qsl_idx is not the sample LoadGen issued at that seq_id. */
function foreignSamples(survivors: readonly Survivor[], plan: SamplingPlan): { entries: Survivor[]; why: string } {
  const order = plan.offlineOrder;
  if (order !== undefined) {
    const entries = survivors.filter((survivor) => survivor.qslIdx !== undefined && order[survivor.seqId % order.length] !== survivor.qslIdx);
    return { entries, why: `the Offline query repeats loaded_qsl_set in order, so seq_id s is sample loaded_qsl_set[s mod ${order.length}]` };
  }
  const loaded = plan.loadedSamples;
  if (loaded === undefined) return { entries: [], why: '' };
  // One pass over the (possibly huge) loaded set, looking up the few logged samples.
  const logged = new Set(survivors.flatMap((survivor) => (survivor.qslIdx === undefined ? [] : [survivor.qslIdx])));
  const present = new Set(loaded.filter((sample) => logged.has(sample)));
  const entries = survivors.filter((survivor) => survivor.qslIdx !== undefined && !present.has(survivor.qslIdx));
  return { entries, why: `they are not in the run's performance sample set (loaded_qsl_set, ${loaded.length} samples)` };
}

export default defineRule({
  id: 'comp/test01-selection',
  meta: {
    description: "TEST01's accuracy log holds exactly the responses LoadGen chose to log for the run's settings: no entry removed or added, each for the sample LoadGen issued.",
    category: 'comp',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'network'],
    rounds: {},
    ruleText: 'inference_rules.adoc §5.1 (the same outputs in accuracy and performance mode, verified by sampling responses in performance mode); submission_rules.adoc §5.13.2 (TEST01); the TEST01 README of mlcommons/inference compliance/ (LoadGen logs a pseudo-random sample of the responses).',
    messages: {
      added: '{{name}} holds {{count}} entries LoadGen did not log in this run ({{why}}): seq_id {{seqIds}}. The log must be the one LoadGen wrote; run TEST01 again and keep its accuracy log as it is.',
      deleted: '{{name}} lacks {{count}} of the {{expected}} responses LoadGen logged in this run (p = {{threshold}}; {{issued}} samples issued): seq_id {{seqIds}}. The log must be the one LoadGen wrote; run TEST01 again and keep its accuracy log as it is.',
      foreignSample: '{{name}} has {{count}} entries whose qsl_idx is not the sample LoadGen issued at that seq_id, as {{why}}: seq_id:qsl_idx {{pairs}}. The log must be the one LoadGen wrote for this run; run TEST01 again and keep its accuracy log as it is.',
      countMismatch: 'TEST01/verify_accuracy.txt counted {{counted}} entries in the TEST01 accuracy log (num_perf_log_entries), but LoadGen logged {{expected}} responses in this run (p = {{threshold}}; {{issued}} samples issued): the log verified was not the one LoadGen wrote. Run TEST01 again and verify the log LoadGen writes.',
      truncated: '{{name}} is truncated: its {{survivors}} surviving entries were checked against the {{expected}} responses LoadGen logged, but entries removed from or added to the part cut out can only show in a count; {{countNote}}.',
      cannotVerify: "{{name}} cannot be checked against LoadGen's sampling, because {{reason}}.",
    },
    messageSeverities: { truncated: 'info', cannotVerify: 'info' },
    rejects: 'scenario',
    // No official checker looks at which entries the log holds: verify_accuracy.py only compares each entry's payload
    // with the accuracy run's (harness.md §2.1, §4.4).
    official: false,
  },
  async check(context) {
    const { index, load, report } = context;
    const files = await test01Files(context);
    if (files === undefined) return;
    // A missing or unparsable log is reported by comp/test01-accuracy, comp/required-files and comp/perf-log.
    const [entries, run] = await Promise.all([loadEntries(load, index, files.accuracyLog), loadTest01Run(load, index, files)]);
    if (entries === undefined || run === undefined) return;
    const name = LOG_NAME;
    if (!entries.ok) {
      report({ messageId: 'cannotVerify', file: files.accuracyLog, data: { name, reason: `it ${entries.problem}` } });
      return;
    }
    const planned = samplingPlan(run.log, run.loaded);
    if (!planned.ok) {
      report({ messageId: 'cannotVerify', file: files.detailLog, data: { name, reason: planned.reason } });
      return;
    }
    const plan = planned.plan;
    if (plan.issued > SELECTION_DRAW_BUDGET && !context.exhaustive) {
      const reason = `LoadGen issued ${plan.issued} samples (${plan.issuedText}) and re-drawing each one's selection is beyond the budget of ${SELECTION_DRAW_BUDGET} draws; run with --exhaustive to check it (about ${Math.ceil(plan.issued / 70e6)} s)`;
      report({ messageId: 'cannotVerify', file: files.detailLog, data: { name, reason } });
      return;
    }
    const selection = selectedSamples(plan.offset, plan.threshold, plan.issued);
    const selected = new Map(selection.map((sample) => [sample.seqId, sample.fate]));
    const surelyLogged = selection.filter((sample) => sample.fate === 'logged').length;
    const expected = surelyLogged === selection.length ? String(surelyLogged) : `${surelyLogged} to ${selection.length}`;
    const threshold = plan.thresholdText;
    const log = entries.entries;
    const survivors = survivingSeqIds(log);

    const added = addedEntries(survivors, selected, plan);
    if (added.entries.length > 0) {
      report({
        messageId: 'added',
        file: files.accuracyLog,
        line: (added.entries[0] as Survivor).line,
        data: { name, count: added.entries.length, why: added.why, seqIds: firstFew(added.entries.map((entry) => entry.seqId)) },
      });
    }
    const foreign = foreignSamples(survivors, plan);
    if (foreign.entries.length > 0) {
      report({
        messageId: 'foreignSample',
        file: files.accuracyLog,
        line: (foreign.entries[0] as Survivor).line,
        data: { name, count: foreign.entries.length, why: foreign.why, pairs: firstFew(foreign.entries.map((entry) => `${entry.seqId}:${entry.qslIdx ?? '?'}`)) },
      });
    }

    if (log.form === 'complete') {
      const logged = new Set(survivors.map((survivor) => survivor.seqId));
      const missing = selection.filter((sample) => sample.fate === 'logged' && !logged.has(sample.seqId)).map((sample) => sample.seqId);
      if (missing.length > 0) {
        report({ messageId: 'deleted', file: files.accuracyLog, data: { name, count: missing.length, expected, threshold, issued: plan.issued, seqIds: firstFew(missing) } });
      }
      return;
    }

    // Truncated: the surviving entries are checked above; the count verify_accuracy.txt took of the whole log is all
    // that tells of the rest.
    const verifyFile = `${files.folder}/${VERIFY_ACCURACY}`;
    const verify = await loadReport(load, index, verifyFile);
    const countValue = verify?.ok ? verify.report.assignments.get('num_perf_log_entries') : undefined;
    const counted = reportNumber(countValue);
    if (counted !== undefined && (counted < surelyLogged || counted > selection.length)) {
      report({ messageId: 'countMismatch', file: verifyFile, ...(countValue !== undefined && { line: countValue.line }), data: { counted, expected, threshold, issued: plan.issued } });
      return;
    }
    const countNote =
      counted === undefined
        ? 'verify_accuracy.txt gives no count (num_perf_log_entries) to compare with'
        : `verify_accuracy.txt counted ${counted} entries, as many as LoadGen logged, so an entry can only have been removed if another took its place`;
    report({ messageId: 'truncated', file: files.accuracyLog, data: { name, survivors: survivors.length, expected, countNote } });
  },
});
