import path from 'node:path';
import { HarnessSetupError, runHarness } from '../../harness/run-harness.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'harness/rerun',
  meta: {
    description: "A seeded sample of the result's queries, re-run through the benchmark's reference model, agrees with what the accuracy log holds, and the log really scores the accuracy accuracy.txt claims.",
    category: 'harness',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'network'],
    rounds: {},
    ruleText: 'inference_rules.adoc §4 (the accuracy of the submitted system, measured on the whole validation set, must meet the target) and §6.3 (the same model and outputs in accuracy and performance mode); harness.md §4.3.',
    messages: {
      failed: 'The reference harness fails this result on its {{check}} check: {{message}}.',
      warned: 'The reference harness warns on its {{check}} check: {{message}}.',
      noted: 'The reference harness notes on its {{check}} check: {{message}}.',
      notConfigured: 'The harness configuration names no reference model and data set for {{benchmark}}, so its outputs cannot be verified. Add references.{{benchmark}}: { model, dataset } to the configuration.',
      cannotRun: 'The reference harness could not run on this result: {{problem}}.',
    },
    messageSeverities: { warned: 'warning', noted: 'info', notConfigured: 'info', cannotRun: 'warning' },
    rejects: 'scenario',
    // No official tool re-runs anything: the official checker reads the logs and trusts them.
    official: false,
    needsHarness: { evidence: 'reference models and data sets to re-run sampled queries on (references)' },
  },
  async check({ unit, harness, report }) {
    if (harness === undefined) return;
    const paths = harness.config.references[unit.benchmark];
    if (paths === undefined) {
      report({ messageId: 'notConfigured', data: { benchmark: unit.benchmark } });
      return;
    }
    let result;
    try {
      result = await runHarness({
        scenarioDir: path.join(harness.submissionRoot, unit.path),
        modelPath: paths.model,
        datasetDir: paths.dataset,
        benchmark: unit.benchmark,
        ...(harness.config.seed !== undefined && { seed: harness.config.seed }),
        ...(harness.config.samples !== undefined && { samples: harness.config.samples }),
        ...(harness.config.seconds !== undefined && { seconds: harness.config.seconds }),
        ...(paths.payloadDtype !== undefined && { payloadDtype: paths.payloadDtype }),
      });
    } catch (error) {
      if (!(error instanceof HarnessSetupError)) throw error;
      report({ messageId: 'cannotRun', data: { problem: error.message } });
      return;
    }
    const messageIds = { fail: 'failed', warn: 'warned', info: 'noted' } as const;
    for (const finding of result.findings) {
      if (finding.status === 'pass') continue;
      report({
        messageId: messageIds[finding.status],
        // The harness's messages are sentences; the templates add the full stop.
        data: { check: finding.check, message: finding.message.replace(/\.$/, '') },
        ...(finding.file !== undefined && { file: `${unit.path}/${finding.file}` }),
        ...(finding.line !== undefined && { line: finding.line }),
      });
    }
  },
});
