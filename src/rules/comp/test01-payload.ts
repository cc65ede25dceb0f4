import { comparableEntries, firstFew, loadEntries, test01Files } from '../../checkers/inference/test01-logs.ts';
import type { AccuracyEntry, Payload } from '../../parsers/accuracy-entries.ts';
import { defineRule } from '../rule.ts';

/** Whether a TEST01 payload differs from the accuracy run's payload of the same sample, as far as both are known. */
function differs(test: Payload, reference: Payload): boolean {
  if (test.complete && reference.complete) return test.bytes !== reference.bytes || test.digest !== reference.digest;
  // A payload cut by truncation (or known only by its first characters) is compared as far as both are known.
  const common = Math.min(test.prefix.length, reference.prefix.length);
  if (test.prefix.slice(0, common) !== reference.prefix.slice(0, common)) return true;
  return (test.complete && reference.bytes > test.bytes) || (reference.complete && test.bytes > reference.bytes);
}

/** Where two payloads that differ part, for a message: the first differing byte, or their sizes. */
function difference(test: Payload, reference: Payload): string {
  const common = Math.min(test.prefix.length, reference.prefix.length);
  for (let position = 0; position < common; position++) {
    if (test.prefix[position] !== reference.prefix[position]) return `at byte ${Math.floor(position / 2)}`;
  }
  if (test.complete && reference.complete && test.bytes !== reference.bytes) return `in size (${test.bytes} and ${reference.bytes} bytes)`;
  return `after byte ${Math.floor(common / 2)}`;
}

/**
 * What verify_accuracy.py compares with its default `--dtype byte`: the first byte of each payload (`data[0]`), and
 * a mismatch when exactly one of the two is empty.
 */
function legacyMismatch(test: Payload, reference: Payload): boolean {
  if ((test.bytes === 0) !== (reference.bytes === 0)) return true;
  return test.bytes > 0 && reference.bytes > 0 && test.prefix.slice(0, 2) !== reference.prefix.slice(0, 2);
}

export default defineRule({
  id: 'comp/test01-payload',
  meta: {
    description: "Every response TEST01 logged in performance mode is byte for byte the accuracy run's response for the same sample, not only in its first byte.",
    category: 'comp',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'network'],
    rounds: {},
    ruleText: 'inference_rules.adoc §5.1 (the same code and outputs in accuracy and performance mode); submission_rules.adoc §5.13.2 (TEST01); the TEST01 README of mlcommons/inference compliance/ (performance-mode responses must match the accuracy-mode ones, or go through the non-deterministic fallback).',
    messages: {
      mismatch:
        '{{count}} of the {{compared}} responses in TEST01/accuracy/mlperf_log_accuracy.json differ from the accuracy run\'s response for the same sample (seq_id:qsl_idx {{pairs}}; {{first}}); {{legacy}}. The system answers differently in performance mode: make it produce the same outputs in both modes, or, if it is non-deterministic within the rules, follow part III of the TEST01 README (baseline_accuracy.txt and compliance_accuracy.txt).',
      truncated: "{{compared}} of TEST01's responses could be compared with the accuracy run's ({{partly}} of them only as far as truncation kept them): {{logs}}, and the responses in the parts cut out cannot be compared.",
      cannotVerify: "TEST01's responses cannot be compared with the accuracy run's, because {{reason}}.",
    },
    messageSeverities: { truncated: 'info', cannotVerify: 'info' },
    rejects: 'scenario',
    // verify_accuracy.py compares data[0] only (default --dtype byte: the first byte), and the checkers only read its
    // TEST PASS line (harness.md §2.1, spec §0.5 #7).
    official: false,
  },
  async check(context) {
    const { index, load, report } = context;
    const files = await test01Files(context);
    if (files === undefined) return;
    // With the non-deterministic fallback the responses may differ; comp/test01-delta judges the accuracy instead.
    if (index.isFile(files.baseline) && index.isFile(files.compliance)) return;
    const [test, reference] = await Promise.all([loadEntries(load, index, files.accuracyLog), loadEntries(load, index, files.accuracyRunLog)]);
    // Missing logs are reported by comp/test01-accuracy and acc/json-exists.
    if (test === undefined || reference === undefined) return;
    for (const [loaded, file, name] of [
      [test, files.accuracyLog, "TEST01's accuracy log"],
      [reference, files.accuracyRunLog, "the accuracy run's log"],
    ] as const) {
      if (!loaded.ok) {
        report({ messageId: 'cannotVerify', file, data: { reason: `${name} ${loaded.problem}` } });
        return;
      }
    }
    if (!test.ok || !reference.ok) return;

    const referenceByQsl = new Map<number, Payload>();
    for (const entry of comparableEntries(reference.entries)) if (!referenceByQsl.has(entry.qslIdx)) referenceByQsl.set(entry.qslIdx, entry.payload);
    const different: { entry: AccuracyEntry; where: string }[] = [];
    let compared = 0;
    let partly = 0;
    let legacy = 0;
    for (const entry of comparableEntries(test.entries)) {
      const payload = referenceByQsl.get(entry.qslIdx);
      if (payload === undefined) continue;
      compared++;
      if (!entry.payload.complete || !payload.complete) partly++;
      if (!differs(entry.payload, payload)) continue;
      different.push({ entry, where: difference(entry.payload, payload) });
      if (legacyMismatch(entry.payload, payload)) legacy++;
    }
    const first = different[0];
    if (first !== undefined) {
      const legacyNote =
        legacy === different.length
          ? 'verify_accuracy.py, which compares only the first byte of each (data[0] with its default --dtype byte), sees them all'
          : `verify_accuracy.py, which compares only the first byte of each (data[0] with its default --dtype byte), sees ${legacy === 0 ? 'none' : `only ${legacy}`} of them`;
      report({
        messageId: 'mismatch',
        file: files.accuracyLog,
        line: first.entry.line,
        data: { count: different.length, compared, pairs: firstFew(different.map(({ entry }) => `${entry.seqId}:${entry.qslIdx}`)), first: `seq_id ${first.entry.seqId} ${first.where}`, legacy: legacyNote },
      });
    }
    const truncatedLogs = [...(test.entries.form === 'truncated' ? ["TEST01's accuracy log"] : []), ...(reference.entries.form === 'truncated' ? ["the accuracy run's log"] : [])];
    if (truncatedLogs.length > 0) {
      report({ messageId: 'truncated', file: files.accuracyLog, data: { compared, partly, logs: `${truncatedLogs.join(' and ')} ${truncatedLogs.length > 1 ? 'are' : 'is'} truncated` } });
    }
  },
});
