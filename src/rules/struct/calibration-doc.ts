import { defineRule } from '../rule.ts';

/** Where the monolith looks when a round file names no calibration document. */
const DEFAULT_CALIBRATION_PATHS: readonly string[] = ['calibration.md', 'documentation/calibration.md'];
/** The name submission_rules.adoc §5.6.3 gives the document; the monolith only accepts its .md names. */
const POLICY_CALIBRATION_PATH = 'documentation/calibration.adoc';

export default defineRule({
  id: 'struct/calibration-doc',
  meta: {
    description: 'A closed or network submitter documents its calibration and quantization (calibration.md).',
    category: 'struct',
    scope: 'submitter',
    // Hygiene that does not make a result wrong: a warning, except in the v5.1 official profile, which rejects.
    severity: 'warning',
    divisions: ['closed', 'network'],
    rounds: {},
    ruleText: "inference_rules.adoc §8.1: the quantization method must be publicly described and use only the calibration data set; submission_rules.adoc §5.6.3 (the submitter's documentation/calibration document).",
    messages: {
      missing: 'Submitter folder "{{submitter}}" has no calibration document. Add {{paths}} describing how the models were calibrated and quantized (which calibration samples, which method).',
    },
    rejects: 'submitter',
    // The v5.1 monolith checks it; v5.0 skipped it and the modular checker does not look.
    official: { rounds: { since: 'v5.1', until: 'v5.1' }, severity: 'error' },
  },
  check({ unit, index, round, profile, report }) {
    const checkerPaths = round.calibrationDocument?.paths ?? DEFAULT_CALIBRATION_PATHS;
    const paths = profile === 'official' ? checkerPaths : [...checkerPaths, POLICY_CALIBRATION_PATH];
    if (paths.some((path) => index.isFile(`${unit.path}/${path}`))) return;
    report({ messageId: 'missing', file: unit.path, data: { submitter: unit.submitter, paths: paths.join(' or ') } });
  },
});
