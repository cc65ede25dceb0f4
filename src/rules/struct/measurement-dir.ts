import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'struct/measurement-dir',
  meta: {
    description: 'Up to v5.1, each result has its measurements folder: measurements/<system>/<benchmark>/<scenario>/.',
    category: 'struct',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'submission_rules.adoc §5.6 (measurements/<system>/<benchmark>/<scenario>) and §5.8 (what the measurements folder holds).',
    messages: {
      missing: 'Folder {{path}} is missing, so this result has no measurement files. Create it with {{files}} and the measurements JSON <system>_<implementation>_<scenario>.json of this result.',
    },
    rejects: 'measurements',
    official: { rounds: { until: 'v5.1' } },
    stage: 'measurements',
  },
  check({ unit, round, index, report }) {
    // From v6.0 the measurement files sit in the result folder itself, which exists by construction.
    if (round.layout !== 'separate' || index.isDirectory(unit.measurementsPath)) return;
    report({ messageId: 'missing', file: unit.measurementsPath, data: { path: unit.measurementsPath, files: round.measurements.requiredFiles.join(', ') } });
  },
});
