import { isDeepStrictEqual } from 'node:util';
import type { AuditResult } from '../checkers/inference/audit-submission.ts';
import { UNUSED_WAIVER } from '../checkers/internal-rules.ts';
import type { ShardRecord } from '../checkers/shard.ts';
import type { Rejection, ResultVerdict } from '../checkers/verdicts.ts';
import { compareDiagnostics, type Diagnostic } from '../report/diagnostic.ts';
import type { Outcome } from '../report/read-json-report.ts';
import { compareStrings } from '../tree/submission-index.ts';
import type { UnitKind } from '../tree/units.ts';

/** One shard's audit (`check --shard K/N --format json`), named as the user gave it. */
export interface ShardAudit {
  readonly source: string;
  readonly audit: AuditResult;
}

type Sharded = ShardAudit & { readonly audit: AuditResult & { readonly shard: ShardRecord } };

/** What every shard of one audit has in common, with how to say that two shards differ in it. */
const SAME_AUDIT: readonly { readonly what: string; readonly of: (audit: AuditResult) => unknown; readonly shown?: (audit: AuditResult) => string }[] = [
  { what: 'tool version', of: (audit) => audit.tool, shown: (audit) => `${audit.tool.name} ${audit.tool.version}` },
  { what: 'root', of: (audit) => audit.root, shown: (audit) => audit.root },
  { what: 'round', of: (audit) => audit.round, shown: (audit) => audit.round.id },
  { what: 'profile', of: (audit) => audit.profile, shown: (audit) => audit.profile },
  { what: 'rules or their severities', of: (audit) => audit.rules },
  { what: 'tree (paths indexed)', of: (audit) => audit.stats.entries, shown: (audit) => String(audit.stats.entries) },
];

/**
 * Combines the shards of one audit into the audit of the whole tree. Every shard runs the root and division rules on
 * the whole tree, so their findings and rejections are the same in each: they are checked to agree and kept once. The
 * rest is each shard's own (its submitters), ordered as an audit of the whole tree orders it. The duration is the
 * longest shard's: the wall time when the shards run side by side.
 */
export function mergeShards(shards: readonly ShardAudit[]): Outcome<AuditResult> {
  const sharded: Sharded[] = [];
  for (const shard of shards) {
    if (!isSharded(shard)) return problem(`${shard.source} is not a shard: it was audited without --shard`);
    sharded.push(shard);
  }
  sharded.sort((a, b) => a.audit.shard.index - b.audit.shard.index);
  const [first] = sharded;
  if (first === undefined) return problem('no shard to merge');
  const count = first.audit.shard.count;

  for (const other of sharded.slice(1)) {
    if (other.audit.shard.count !== count) {
      return problem(`${first.source} is shard ${shardName(first)} but ${other.source} is shard ${shardName(other)}: the shards must come from one --shard K/N split`);
    }
    for (const { what, of, shown } of SAME_AUDIT) {
      if (isDeepStrictEqual(of(first.audit), of(other.audit))) continue;
      const values = shown === undefined ? '' : ` (${shown(first.audit)} and ${shown(other.audit)})`;
      return problem(`${first.source} and ${other.source} differ in ${what}${values}: merge combines the shards of one audit of one tree`);
    }
  }
  const overlap = findOverlap(sharded);
  if (overlap !== undefined) return problem(overlap);
  const present = new Set(sharded.map((shard) => shard.audit.shard.index));
  const missing = Array.from({ length: count }, (_, position) => position + 1).filter((index) => !present.has(index));
  if (missing.length > 0) {
    const names = missing.map((index) => `${index}/${count}`).join(', ');
    return problem(`${missing.length === 1 ? `shard ${names} is` : `shards ${names} are`} missing: merge needs all ${count} shards of the audit`);
  }

  const shared = sharedPart(first.audit);
  const disagreeing = sharded.find((shard) => !isDeepStrictEqual(sharedPart(shard.audit), shared));
  if (disagreeing !== undefined) {
    return problem(`${first.source} and ${disagreeing.source} disagree on the findings of the root and division rules, which every shard makes on the whole tree: they audited different trees or settings`);
  }

  const { shard: _shard, ...whole } = first.audit;
  return {
    ok: true,
    value: {
      ...whole,
      diagnostics: [...shared.diagnostics, ...unusedWaivers(sharded), ...sharded.flatMap((shard) => shard.audit.diagnostics.filter((diagnostic) => !isShared(diagnostic.unit.kind)))].sort(compareDiagnostics),
      results: sharded.flatMap((shard) => shard.audit.results).sort(compareResults),
      rejections: [...shared.rejections, ...sharded.flatMap((shard) => shard.audit.rejections.filter((rejection) => !isShared(rejection.kind)))].sort((a, b) => compareStrings(a.key, b.key)),
      stats: { entries: first.audit.stats.entries, durationMs: Math.max(...sharded.map((shard) => shard.audit.stats.durationMs)) },
    },
  };
}

function problem(text: string): Outcome<never> {
  return { ok: false, problem: text };
}

function isSharded(shard: ShardAudit): shard is Sharded {
  return shard.audit.shard !== undefined;
}

function shardName(shard: Sharded): string {
  return `${shard.audit.shard.index}/${shard.audit.shard.count}`;
}

/** A shard given twice, or a submitter two shards both audited. */
function findOverlap(shards: readonly Sharded[]): string | undefined {
  const byIndex = new Map<number, Sharded>();
  const bySubmitter = new Map<string, Sharded>();
  for (const shard of shards) {
    const twin = byIndex.get(shard.audit.shard.index);
    if (twin !== undefined) return `shard ${shardName(shard)} is given twice: ${twin.source} and ${shard.source}`;
    byIndex.set(shard.audit.shard.index, shard);
    for (const submitter of shard.audit.shard.submitters) {
      const other = bySubmitter.get(submitter);
      if (other !== undefined) return `${submitter} was audited by both ${other.source} (shard ${shardName(other)}) and ${shard.source} (shard ${shardName(shard)})`;
      bySubmitter.set(submitter, shard);
    }
  }
  return undefined;
}

/** Root and division rules check the whole tree in every shard. */
function isShared(kind: UnitKind): boolean {
  return kind === 'root' || kind === 'division';
}

function sharedPart(audit: AuditResult): { diagnostics: Diagnostic[]; rejections: Rejection[] } {
  return {
    diagnostics: audit.diagnostics.filter((diagnostic) => isShared(diagnostic.unit.kind) && diagnostic.ruleId !== UNUSED_WAIVER.id),
    rejections: audit.rejections.filter((rejection) => isShared(rejection.kind)),
  };
}

/**
 * The waivers no shard used. A shard judges the waivers of its own submitters and those that may match anywhere, so
 * one that matched in one shard can be unused in another: it is unused only when no shard's finding is waived by it.
 */
function unusedWaivers(shards: readonly Sharded[]): Diagnostic[] {
  const diagnostics = shards.flatMap((shard) => shard.audit.diagnostics);
  const used = new Set(diagnostics.flatMap((diagnostic) => (diagnostic.suppression === undefined ? [] : [diagnostic.suppression.source.index])));
  const unused = new Map<number, Diagnostic>();
  for (const diagnostic of diagnostics) {
    // The unused-waiver finding numbers the waiver from 1; a suppression from 0.
    const waiver = diagnostic.ruleId === UNUSED_WAIVER.id ? diagnostic.data?.['waiver'] : undefined;
    if (typeof waiver === 'number' && !used.has(waiver - 1) && !unused.has(waiver)) unused.set(waiver, diagnostic);
  }
  return [...unused.values()];
}

/** The order of a walk of the tree: folder by folder (division, submitter, system, benchmark, scenario), by name. */
function compareResults(a: ResultVerdict, b: ResultVerdict): number {
  const [first, second] = [a.path.split('/'), b.path.split('/')];
  for (let position = 0; position < Math.min(first.length, second.length); position++) {
    const order = compareStrings(first[position] ?? '', second[position] ?? '');
    if (order !== 0) return order;
  }
  return first.length - second.length;
}
