import { accuracyJsonPath, accuracyLogExpectation, accuracyTxtPath, MAX_ACCURACY_LOG_BYTES } from '../../checkers/inference/accuracy.ts';
import { modelOfUnit } from '../../checkers/inference/model-name.ts';
import { roundModel } from '../../checkers/inference/scenario-table.ts';
import { canonicalScenario } from '../../checkers/inference/scenarios.ts';
import { accuracyCountsParser } from '../../parsers/accuracy-counts.ts';
import { accuracyLogParser, type QslCoverage } from '../../parsers/accuracy-log.ts';
import { defineRule } from '../rule.ts';

/** Sample indices named in a message; the count says how many there are in all. */
const EXAMPLES = 5;

/** The first few indices below `size` that the coverage lacks. */
function missingIndices(coverage: QslCoverage, size: number): number[] {
  const missing: number[] = [];
  let next = 0;
  for (const [first, last] of coverage.ranges) {
    for (let index = next; index < Math.min(first, size) && missing.length < EXAMPLES; index++) missing.push(index);
    next = last + 1;
  }
  for (let index = next; index < size && missing.length < EXAMPLES; index++) missing.push(index);
  return missing;
}

/** How many covered indices are at or above `size`. */
function countFrom(coverage: QslCoverage, size: number): number {
  return coverage.ranges.reduce((count, [first, last]) => count + Math.max(0, last - Math.max(first, size) + 1), 0);
}

const list = (values: readonly number[], total: number): string => `${values.join(', ')}${total > values.length ? ', …' : ''}`;

export default defineRule({
  id: 'acc/log-coverage',
  meta: {
    description: 'The accuracy log covers each sample of the accuracy data set exactly once (where it is complete), and the records it keeps are in range.',
    category: 'acc',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'inference_rules.adoc §5.1 (the accuracy run processes the entire validation data set) and §4.1.2 item 3 (open: "must use all the available samples in the dataset"); LoadGen\'s accuracy mode issues every sample once.',
    messages: {
      empty: 'mlperf_log_accuracy.json holds no sample, so the accuracy reported in accuracy.txt does not come from this log (a performance-mode run logs no sample). Copy the log LoadGen wrote in the accuracy run (AccuracyOnly mode) and score that log.',
      malformed: 'mlperf_log_accuracy.json {{problem}}, so the samples it covers cannot be counted. Copy the log LoadGen wrote in the accuracy run.',
      countMismatch: 'mlperf_log_accuracy.json covers {{found}} distinct samples of the data set, but the accuracy run of {{model}} must cover {{expected}} ({{source}}){{missing}}. Run the accuracy mode on the whole accuracy data set and keep the log it writes.',
      duplicates: 'mlperf_log_accuracy.json logs {{count}} samples more than once (qsl_idx {{examples}}), yet LoadGen issues each sample once in accuracy mode. Keep the log of a single accuracy run; do not concatenate logs.',
      outOfRange: 'mlperf_log_accuracy.json has {{count}} sample indices at or beyond {{size}}, the size of the {{model}} data set (qsl_idx up to {{largest}}). Run the accuracy mode with the data set of the benchmark and keep the log it writes.',
      seqIds: 'mlperf_log_accuracy.json has {{detail}}, which LoadGen never writes in one accuracy run. Keep the log of a single accuracy run, as LoadGen wrote it.',
      layout: 'mlperf_log_accuracy.json is valid JSON but not laid out as LoadGen writes it (one record a line), so it was rewritten after the run. Submit the log LoadGen wrote, truncated by truncate_accuracy_log.py only.',
      scoredCount: 'accuracy.txt says the accuracy script scored {{reported}} samples ({{key}}), but the accuracy run of {{model}} must cover {{expected}} ({{source}}). Score the accuracy log of a run on the whole accuracy data set.',
      truncated: 'mlperf_log_accuracy.json is truncated, so whether it covers {{samples}} exactly once cannot be verified; {{checked}}. Nothing to fix: truncate_accuracy_log.py keeps only both ends of the log.',
    },
    messageSeverities: { truncated: 'info', layout: 'warning' },
    rejects: 'scenario',
    // No official checker reads the samples of the accuracy log.
    official: false,
  },
  async check({ unit, round, index, load, report }) {
    const path = accuracyJsonPath(unit.path);
    const size = index.fileSize(path);
    // A missing log is acc/json-exists's finding.
    if (size === undefined) return;
    const loaded = await load(path, accuracyLogParser);
    const problem = loaded.ok ? loaded.value.problems[0] : loaded.problems[0];
    if (!loaded.ok || problem !== undefined) {
      // acc/json-truncated reports what is wrong with a log up to the size limit.
      if (problem !== undefined && size > MAX_ACCURACY_LOG_BYTES) report({ messageId: 'malformed', file: path, ...(problem.line !== undefined && { line: problem.line }), data: { problem: problem.message } });
      return;
    }
    const log = loaded.value;
    if (log.form === 'complete' && log.records === 0) {
      report({ messageId: 'empty', file: path });
      return;
    }
    if (log.layout !== 'loadgen') report({ messageId: 'layout', file: path });
    const model = await modelOfUnit(load, round, unit);
    const expectation = await accuracyLogExpectation(load, round, unit, roundModel(round, model));
    // MultiStream pads the last query of each loadable set with samples from its start: repeats are LoadGen's own.
    const multiStream = canonicalScenario(unit.scenario) === 'MultiStream';

    const { datasetSize, samples: expected, source, issued: issuedByRun } = expectation;
    const beyond = datasetSize === undefined ? 0 : countFrom(log.qslIdx, datasetSize);
    const largest = log.qslIdx.ranges.at(-1)?.[1];
    if (datasetSize !== undefined && beyond > 0 && largest !== undefined) report({ messageId: 'outOfRange', file: path, data: { count: beyond, size: datasetSize, model, largest } });
    if (!multiStream && log.qslIdx.duplicates > 0) {
      report({ messageId: 'duplicates', file: path, data: { count: log.qslIdx.duplicates, examples: list(log.repeatedQslIdx, log.qslIdx.duplicates) } });
    }
    // LoadGen numbers the samples it issues from 0: as many as a complete log has records, as the run's log says else.
    const issued = log.form === 'complete' ? log.records : (issuedByRun ?? expected);
    const lastSeqId = log.seqIds.ranges.at(-1)?.[1];
    if (log.seqIds.duplicates > 0) report({ messageId: 'seqIds', file: path, data: { detail: `${log.seqIds.duplicates} repeated seq_id values` } });
    else if (!multiStream && issued !== undefined && lastSeqId !== undefined && lastSeqId >= issued) {
      report({ messageId: 'seqIds', file: path, data: { detail: `seq_id ${lastSeqId}, beyond the ${issued} samples the accuracy run issued` } });
    }

    if (log.form === 'complete') {
      const covered = log.qslIdx.distinct - beyond;
      if (expected !== undefined && covered !== expected) {
        const missing = expected === datasetSize && covered < expected ? missingIndices(log.qslIdx, expected) : [];
        const missingText = missing.length > 0 ? `; qsl_idx ${list(missing, expected - covered)} are missing` : '';
        report({ messageId: 'countMismatch', file: path, data: { found: covered, model, expected, source, missing: missingText } });
      }
      return;
    }
    // A truncated log: the accuracy script's own count of the samples it scored is the next best evidence.
    const txtPath = accuracyTxtPath(unit.path);
    const counts = index.isFile(txtPath) ? await load(txtPath, accuracyCountsParser) : undefined;
    const scored = counts?.ok ? counts.value.samples : undefined;
    if (scored !== undefined && expected !== undefined && scored.value !== expected) {
      report({ messageId: 'scoredCount', file: txtPath, line: scored.line, data: { reported: scored.text, key: scored.key, model, expected, source } });
    }
    const samples = expected === undefined ? 'each sample of the data set' : `each of the ${expected} samples`;
    const checked = log.records === 0 ? 'it keeps no whole record to check' : `only the ${log.records} whole records it keeps were checked`;
    report({ messageId: 'truncated', file: path, data: { samples, checked } });
  },
});
