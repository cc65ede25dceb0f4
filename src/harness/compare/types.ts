/**
 * What every re-run comparison returns (spec harness.md §4.3), whatever the task, so that the orchestrator and the
 * reporters print any of them the same way.
 */

export type FindingStatus = 'pass' | 'warn' | 'fail';

export interface ComparisonFinding<Check extends string = string> {
  /** Which test this is, e.g. `mcnemar` or `span`. */
  readonly check: Check;
  /** `fail` casts doubt on the submission; `warn` is a heuristic worth a look; `pass` records the evidence anyway. */
  readonly status: FindingStatus;
  /** A sentence with the counts, p-values and thresholds behind the status. */
  readonly message: string;
  /** The same numbers, machine-readable. */
  readonly evidence: Readonly<Record<string, number>>;
}

export type ComparisonTask = 'classification' | 'detection' | 'question-answering';

export interface ComparisonResult<Check extends string = string> {
  readonly task: ComparisonTask;
  /** How many samples were compared. */
  readonly samples: number;
  readonly findings: readonly ComparisonFinding<Check>[];
  /** True when no finding failed. */
  readonly passed: boolean;
}
