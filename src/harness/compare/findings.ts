import type { ComparisonFinding, ComparisonResult, ComparisonTask } from './types.ts';

/** Assembles a result; it passes when no finding failed. */
export function comparisonResult<Check extends string>(
  task: ComparisonTask,
  samples: number,
  findings: readonly ComparisonFinding<Check>[],
): ComparisonResult<Check> {
  return { task, samples, findings, passed: findings.every((finding) => finding.status !== 'fail') };
}

/** A probability with two significant digits: 0.5, 0.046, 0.001, 2.3e-13. */
export function formatProbability(probability: number): string {
  if (probability === 0 || probability >= 1e-3) return String(Number(probability.toPrecision(2)));
  return probability.toExponential(1).replace('.0e', 'e');
}

/** A measurement with three significant digits: 0.812, 0.05, 12.3. */
export function formatNumber(value: number): string {
  return String(Number(value.toPrecision(3)));
}

/** A share of a whole as a percentage with one decimal: "97.3 %". */
export function formatPercent(part: number, whole: number): string {
  return `${((100 * part) / whole).toFixed(1)} %`;
}

/** The first few items, for messages that point at examples: "3, 17, 25, …". */
export function formatExamples(items: readonly (string | number)[], limit = 5): string {
  return items.length > limit ? `${items.slice(0, limit).join(', ')}, …` : items.join(', ');
}

/** The result of a comparison that had no samples: its main check fails, since nothing was verified. */
export function nothingCompared<Check extends string>(task: ComparisonTask, check: Check): ComparisonResult<Check> {
  return comparisonResult(task, 0, [{ check, status: 'fail', message: 'no samples were compared', evidence: { samples: 0 } }]);
}
