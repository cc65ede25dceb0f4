import type { Diagnostic } from '../report/diagnostic.ts';
import { stageOf, type AnyRule } from '../rules/rule.ts';
import { compareStrings } from '../tree/submission-index.ts';
import { ancestorOfKind, type ScenarioUnit, type Unit, type UnitKind, type UnitTree } from '../tree/units.ts';
import type { ResultMetric } from './inference/result-metric.ts';
import type { ResultSummary } from './inference/result-summary.ts';
import { RULE_CRASHED } from './internal-rules.ts';

/** The rule whose finding a required scenario that failed stands for in the monolith's output. */
const REQUIRED_SCENARIOS_RULE = 'struct/required-scenarios';

/** A unit the audit rejects, under the key the official checker uses for it ("root" for the whole tree). */
export interface Rejection {
  readonly key: string;
  readonly kind: UnitKind;
  /** Empty for a result rejected only because no metric could be read (with the rule that says so switched off). */
  readonly ruleIds: readonly string[];
  /** The key of a rejected unit above this one: the monolith never looks below a rejected unit. */
  readonly coveredBy?: string;
}

export interface ResultVerdict {
  /** The scenario folder: `<division>/<submitter>/results/<system>/<benchmark>/<scenario>`. */
  readonly path: string;
  readonly division: string;
  readonly submitter: string;
  readonly system: string;
  readonly benchmark: string;
  readonly model: string;
  readonly scenario: string;
  readonly status: 'accepted' | 'rejected';
  readonly metric?: ResultMetric;
  /** The power metric of a power result (results with `performance/power/`). */
  readonly power?: ResultPower;
  /** Rules whose errors reject this result, here or at a level above it. */
  readonly rejectedBy: readonly string[];
  /** What the official summary CSV copies about the result. */
  readonly summary?: ResultSummary;
}

export interface Verdicts {
  readonly results: readonly ResultVerdict[];
  readonly rejections: readonly Rejection[];
}

export interface ResultFacts {
  readonly model: string;
  /** A scenario the model requires in the closed and network divisions (the monolith's required set). */
  readonly requiredScenario?: boolean;
  readonly metric?: ResultMetric;
  readonly power?: ResultPower;
  readonly summary?: ResultSummary;
}

/** The power metric of a result: average watts (Offline, Server, Interactive) or millijoules per query. */
export interface ResultPower {
  readonly value: number;
  /** The value as the official checker writes it in the summary CSV (Python float repr). */
  readonly text: string;
  readonly unit: 'Watts' | 'millijoules';
  /** Samples per joule, as the monolith prints it after the result. */
  readonly efficiency: number;
}

export function rejectionKey(unit: Unit): string {
  return unit.kind === 'root' ? 'root' : unit.path;
}

/**
 * Each result's verdict: rejected when an error-level finding rejects it or a unit above it (at the level the
 * rule declares), accepted with its metric otherwise. Waived (suppressed) findings reject nothing.
 */
export function decideVerdicts(
  checker: 'monolith' | 'modular',
  units: UnitTree,
  diagnostics: readonly Diagnostic[],
  rules: ReadonlyMap<string, AnyRule>,
  facts: ReadonlyMap<string, ResultFacts>,
): Verdicts {
  const unitByPath = new Map(units.all.map((unit) => [unit.path, unit]));
  const rejected = new Map<Unit, Set<string>>();
  /** Keys the monolith records besides the unit's own: a result's measurements folder (up to v5.1). */
  const measurementKeys = new Map<ScenarioUnit, Set<string>>();
  /** Benchmarks the monolith records as having no results once their results are judged (they keep their verdicts). */
  const recordedBenchmarks = new Map<Unit, Set<string>>();
  const record = (map: Map<Unit, Set<string>>, unit: Unit, ruleIds: Iterable<string>): void => {
    const set = map.get(unit) ?? new Set<string>();
    for (const ruleId of ruleIds) set.add(ruleId);
    map.set(unit, set);
  };
  for (const diagnostic of diagnostics) {
    // A waived finding is reported but, by the configuration's decision, rejects nothing.
    if (diagnostic.severity !== 'error' || diagnostic.suppression !== undefined) continue;
    const ruleId = diagnostic.ruleId === RULE_CRASHED.id ? String(diagnostic.data?.['rule']) : diagnostic.ruleId;
    const declared = rules.get(ruleId)?.meta.rejects;
    const level = typeof declared === 'object' ? declared[checker] : declared;
    const unit = unitByPath.get(diagnostic.unit.path);
    if (level === undefined || level === 'none' || unit === undefined) continue;
    if (level === 'benchmark-record') {
      const benchmark = ancestorOfKind(unit, 'benchmark');
      if (benchmark) record(recordedBenchmarks, benchmark, [diagnostic.ruleId]);
      continue;
    }
    const target = ancestorOfKind(unit, level === 'measurements' ? 'scenario' : level);
    if (target === undefined) continue;
    rejected.set(target, (rejected.get(target) ?? new Set()).add(diagnostic.ruleId));
    if (level === 'measurements' && target.kind === 'scenario' && checker === 'monolith' && target.measurementsPath !== target.path) {
      measurementKeys.set(target, (measurementKeys.get(target) ?? new Set()).add(diagnostic.ruleId));
    }
  }

  const results = units.ofKind('scenario').map((unit): ResultVerdict => {
    const rejectedBy = new Set<string>();
    for (let current: Unit | undefined = unit; current; current = current.parent) {
      for (const ruleId of rejected.get(current) ?? []) rejectedBy.add(ruleId);
    }
    const fact = facts.get(unit.path);
    const metric = fact?.metric;
    const status = rejectedBy.size === 0 && metric !== undefined ? 'accepted' : 'rejected';
    // No rule rejected it, yet there is no metric to publish (the rule that says why may be switched off).
    if (rejectedBy.size === 0 && metric === undefined) rejected.set(unit, new Set());
    // The monolith counts a required scenario as present once its measurement and performance checks passed, so one
    // that fails them leaves its closed or network benchmark without all required scenarios.
    if (checker === 'monolith' && fact?.requiredScenario === true && failedBeforeAccuracy(rejected.get(unit), rules)) {
      record(recordedBenchmarks, unit.parent, [REQUIRED_SCENARIOS_RULE]);
    }
    return {
      ...identity(unit),
      model: fact?.model ?? unit.benchmark,
      status,
      ...(metric !== undefined && { metric }),
      ...(fact?.power !== undefined && { power: fact.power }),
      rejectedBy: [...rejectedBy].sort(compareStrings),
      ...(fact?.summary !== undefined && { summary: fact.summary }),
    };
  });
  const toRejection = (unit: Unit, key: string, ruleIds: ReadonlySet<string>, coverFrom: Unit | undefined): Rejection => {
    const cover = coverFrom && rejectedAncestor(coverFrom, rejected);
    return { key, kind: unit.kind, ruleIds: [...ruleIds].sort(compareStrings), ...(cover && { coveredBy: rejectionKey(cover) }) };
  };
  const rejections = [
    ...[...rejected].map(([unit, ruleIds]) => toRejection(unit, rejectionKey(unit), ruleIds, unit)),
    ...[...recordedBenchmarks].filter(([unit]) => !rejected.has(unit)).map(([unit, ruleIds]) => toRejection(unit, rejectionKey(unit), ruleIds, unit)),
    ...[...measurementKeys].map(([unit, ruleIds]) => toRejection(unit, unit.measurementsPath, ruleIds, unit)),
  ];
  return { results, rejections: rejections.sort((a, b) => compareStrings(a.key, b.key)) };
}

function failedBeforeAccuracy(ruleIds: ReadonlySet<string> | undefined, rules: ReadonlyMap<string, AnyRule>): boolean {
  return [...(ruleIds ?? [])].some((ruleId) => {
    const rule = rules.get(ruleId);
    const stage = rule && stageOf(rule);
    return stage === 'measurements' || stage === 'performance';
  });
}

function rejectedAncestor(unit: Unit, rejected: ReadonlyMap<Unit, unknown>): Unit | undefined {
  let highest: Unit | undefined;
  for (let current = unit.parent; current; current = current.parent) if (rejected.has(current)) highest = current;
  return highest;
}

function identity(unit: ScenarioUnit) {
  const { path, division, submitter, system, benchmark, scenario } = unit;
  return { path, division, submitter, system, benchmark, scenario };
}
