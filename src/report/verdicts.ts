import type { AuditResult } from '../checkers/inference/audit-submission.ts';
import type { ResultVerdict } from '../checkers/verdicts.ts';
import { compareStrings } from '../tree/submission-index.ts';
import { pythonFixed } from '../util/python-fixed.ts';
import type { Reporter } from './reporter.ts';

/**
 * The official checker's verdict lines, sorted: `Results <result folder> <metric>` for each accepted result and
 * `NoResults <key>` for each rejection. The monolith (up to v5.1) rejects whole units (a submitter, a system) and
 * never looks below them; the modular checker (v6.0+) gives one verdict per result.
 */
export const verdictsReporter: Reporter = (result) => verdictLines(result).map((line) => `${line}\n`).join('');

export function verdictLines(result: AuditResult): string[] {
  const accepted = result.results.filter((verdict) => verdict.status === 'accepted').map((verdict) => `Results ${verdict.path} ${resultText(verdict, result.officialChecker)}`);
  const rejected =
    result.officialChecker === 'modular'
      ? result.results.filter((verdict) => verdict.status === 'rejected').map((verdict) => verdict.path)
      : result.rejections.filter((rejection) => rejection.coveredBy === undefined).map((rejection) => rejection.key);
  return [...accepted, ...rejected.map((key) => `NoResults ${key}`)].sort(compareStrings);
}

/**
 * The metric as the official checker prints it: the float's repr, or for a power result of the monolith
 * `"{:f} with power_metric = {:f} and power_efficiency (samples/J) = {:f}"` (the modular checker prints the metric only).
 */
function resultText(verdict: ResultVerdict, checker: AuditResult['officialChecker']): string {
  const { metric, power } = verdict;
  if (checker !== 'monolith' || power === undefined || metric === undefined) return String(metric?.text);
  return `${pythonFixed(metric.value)} with power_metric = ${pythonFixed(power.value)} and power_efficiency (samples/J) = ${pythonFixed(power.efficiency)}`;
}
