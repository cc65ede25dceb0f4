import type { Division, RoundData } from '../rounds/types.ts';
import { DIVISIONS } from '../rounds/types.ts';
import { joinPath } from './entry.ts';
import type { SubmissionIndex } from './submission-index.ts';

/** The levels at which the official checkers accept or reject, from the whole tree down to one result. */
export type UnitKind = 'root' | 'division' | 'submitter' | 'system' | 'benchmark' | 'scenario';
export const UNIT_KINDS: readonly UnitKind[] = ['root', 'division', 'submitter', 'system', 'benchmark', 'scenario'];

export interface RootUnit {
  readonly kind: 'root';
  readonly path: '';
  readonly parent: undefined;
}

export interface DivisionUnit {
  readonly kind: 'division';
  readonly path: string;
  readonly parent: RootUnit;
  readonly division: Division;
}

export interface SubmitterUnit {
  readonly kind: 'submitter';
  readonly path: string;
  readonly parent: DivisionUnit;
  readonly division: Division;
  readonly submitter: string;
}

export interface SystemUnit {
  readonly kind: 'system';
  /** `<division>/<submitter>/results/<system>` */
  readonly path: string;
  readonly parent: SubmitterUnit;
  readonly division: Division;
  readonly submitter: string;
  readonly system: string;
  /** `<division>/<submitter>/systems/<system>.json` */
  readonly systemJsonPath: string;
}

export interface BenchmarkUnit {
  readonly kind: 'benchmark';
  readonly path: string;
  readonly parent: SystemUnit;
  readonly division: Division;
  readonly submitter: string;
  readonly system: string;
  /** The directory name, which may be an alias of the official model name. */
  readonly benchmark: string;
}

export interface ScenarioUnit {
  readonly kind: 'scenario';
  /** `<division>/<submitter>/results/<system>/<benchmark>/<scenario>`: the result. */
  readonly path: string;
  readonly parent: BenchmarkUnit;
  readonly division: Division;
  readonly submitter: string;
  readonly system: string;
  readonly benchmark: string;
  /** The directory name as submitted (case as on disk). */
  readonly scenario: string;
  /** Where this result's measurement files (user.conf, README.md, measurements JSON) are. */
  readonly measurementsPath: string;
  /** Where this result's TESTxx folders are. */
  readonly compliancePath: string;
}

export type Unit = RootUnit | DivisionUnit | SubmitterUnit | SystemUnit | BenchmarkUnit | ScenarioUnit;
export interface UnitByKind {
  root: RootUnit;
  division: DivisionUnit;
  submitter: SubmitterUnit;
  system: SystemUnit;
  benchmark: BenchmarkUnit;
  scenario: ScenarioUnit;
}
export type UnitOfKind<K extends UnitKind> = UnitByKind[K];

/** The units of one submission tree, parents before children, each level in name order. */
export interface UnitTree {
  readonly root: RootUnit;
  readonly all: readonly Unit[];
  /** Top-level directories that are not a division (reported by a rule, not audited further). */
  readonly unknownTopLevel: readonly string[];
  ofKind<K extends UnitKind>(kind: K): readonly UnitOfKind<K>[];
  children(unit: Unit): readonly Unit[];
}

export interface UnitFilter {
  /** Audit only this submitter (directory name). */
  readonly submitter?: string;
}

/**
 * Classifies the tree into units for both layouts: up to v5.1 `measurements/` and `compliance/` stand
 * beside `results/`; from v6.0 they are the scenario folder itself.
 */
export function discoverUnits(index: SubmissionIndex, round: RoundData, filter: UnitFilter = {}): UnitTree {
  const root: RootUnit = { kind: 'root', path: '', parent: undefined };
  const all: Unit[] = [root];
  const children = new Map<Unit, Unit[]>();
  const add = (unit: Unit, parent: Unit): void => {
    all.push(unit);
    children.set(parent, [...(children.get(parent) ?? []), unit]);
  };

  const topLevel = index.directoryNames('');
  for (const name of topLevel) {
    if (!isDivision(name)) continue;
    const division: DivisionUnit = { kind: 'division', path: name, parent: root, division: name };
    add(division, root);
    for (const submitterName of index.directoryNames(name)) {
      if (filter.submitter !== undefined && submitterName !== filter.submitter) continue;
      const submitter: SubmitterUnit = {
        kind: 'submitter',
        path: joinPath(name, submitterName),
        parent: division,
        division: name,
        submitter: submitterName,
      };
      add(submitter, division);
      addSystems(index, round, submitter, add);
    }
  }

  const byKind = new Map<UnitKind, Unit[]>();
  for (const unit of all) byKind.set(unit.kind, [...(byKind.get(unit.kind) ?? []), unit]);
  return {
    root,
    all,
    unknownTopLevel: topLevel.filter((name) => !isDivision(name)),
    ofKind: <K extends UnitKind>(kind: K) => (byKind.get(kind) ?? []) as UnitOfKind<K>[],
    children: (unit) => children.get(unit) ?? [],
  };
}

/**
 * The same tree with only some submitters below its divisions (the units one shard of an audit checks); it shares the
 * units of the whole tree, so their parents are unchanged.
 */
export function keepSubmitters(tree: UnitTree, keep: (submitter: SubmitterUnit) => boolean): UnitTree {
  const kept = (unit: Unit): boolean => {
    const submitter = ancestorOfKind(unit, 'submitter');
    return submitter === undefined || keep(submitter);
  };
  return {
    root: tree.root,
    all: tree.all.filter(kept),
    unknownTopLevel: tree.unknownTopLevel,
    ofKind: (kind) => tree.ofKind(kind).filter(kept),
    children: (unit) => tree.children(unit).filter(kept),
  };
}

function addSystems(index: SubmissionIndex, round: RoundData, submitter: SubmitterUnit, add: (unit: Unit, parent: Unit) => void): void {
  const resultsPath = joinPath(submitter.path, 'results');
  for (const systemName of index.directoryNames(resultsPath)) {
    const system: SystemUnit = {
      kind: 'system',
      path: joinPath(resultsPath, systemName),
      parent: submitter,
      division: submitter.division,
      submitter: submitter.submitter,
      system: systemName,
      systemJsonPath: joinPath(submitter.path, 'systems', `${systemName}.json`),
    };
    add(system, submitter);
    for (const benchmarkName of index.directoryNames(system.path)) {
      const benchmark: BenchmarkUnit = { ...ownFields(system), kind: 'benchmark', path: joinPath(system.path, benchmarkName), parent: system, benchmark: benchmarkName };
      add(benchmark, system);
      for (const scenarioName of index.directoryNames(benchmark.path)) {
        const path = joinPath(benchmark.path, scenarioName);
        const relative = joinPath(systemName, benchmarkName, scenarioName);
        const separate = round.layout === 'separate';
        const scenario: ScenarioUnit = {
          ...ownFields(benchmark),
          kind: 'scenario',
          path,
          parent: benchmark,
          scenario: scenarioName,
          measurementsPath: separate ? joinPath(submitter.path, 'measurements', relative) : path,
          compliancePath: separate ? joinPath(submitter.path, 'compliance', relative) : path,
        };
        add(scenario, benchmark);
      }
    }
  }
}

function ownFields<T extends SystemUnit | BenchmarkUnit>(unit: T): Omit<T, 'kind' | 'path' | 'parent'> {
  const { kind: _kind, path: _path, parent: _parent, ...rest } = unit;
  return rest;
}

function isDivision(name: string): name is Division {
  return (DIVISIONS as readonly string[]).includes(name);
}

/** The unit at `kind` level above (or equal to) a unit; undefined when the unit is higher than that level. */
export function ancestorOfKind<K extends UnitKind>(unit: Unit, kind: K): UnitOfKind<K> | undefined {
  for (let current: Unit | undefined = unit; current !== undefined; current = current.parent) {
    if (current.kind === kind) return current as UnitOfKind<K>;
  }
  return undefined;
}
