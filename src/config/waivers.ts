import { EXPIRED_WAIVER, UNUSED_WAIVER } from '../checkers/internal-rules.ts';
import { compareDiagnostics, type Diagnostic, type Suppression } from '../report/diagnostic.ts';

/** A waiver of the configuration file: findings of one rule at or below a path, accepted with a justification. */
export interface Waiver {
  readonly rule: string;
  /** A path relative to the submission root, or a glob of such paths; '' is the whole tree. */
  readonly unit: string;
  readonly justification: string;
  readonly approvedBy: string;
  /** The day (YYYY-MM-DD) from which the waiver no longer applies. */
  readonly expires?: string;
  /** Its position in the `waivers` list (0-based) and its line in the file. */
  readonly index: number;
  readonly line?: number;
}

export interface WaiverSettings {
  readonly waivers: readonly Waiver[];
  /** The configuration file they come from, as reports name it. */
  readonly file: string;
  /** Today (YYYY-MM-DD), against which expiry dates are read; the current UTC date by default. */
  readonly today?: string;
}

/**
 * Marks the findings a waiver covers as suppressed, and adds a finding for each waiver that has expired or matched
 * nothing. `skippedSubmitters` (`<division>/<submitter>` paths) are the submitters of the tree this audit left out
 * (`--submitter`, a shard): a waiver of one of them cannot have matched, so it is not called unused. A waiver of a
 * submitter the tree does not have is judged by every audit, so that each shard reports it and merge keeps it.
 */
export function applyWaivers(diagnostics: readonly Diagnostic[], settings: WaiverSettings, skippedSubmitters?: ReadonlySet<string>): Diagnostic[] {
  const today = settings.today ?? new Date().toISOString().slice(0, 10);
  const [expired, current] = partition(settings.waivers, (waiver) => waiver.expires !== undefined && waiver.expires <= today);
  const matchers = current.map((waiver) => ({ waiver, matches: pathMatcher(waiver.unit) }));
  const used = new Set<Waiver>();
  const waived = diagnostics.map((diagnostic) => {
    const covering = matchers.filter(({ waiver, matches }) => waiver.rule === diagnostic.ruleId && (matches(diagnostic.unit.path) || matches(diagnostic.file)));
    for (const { waiver } of covering) used.add(waiver);
    const [first] = covering;
    return first === undefined ? diagnostic : { ...diagnostic, suppression: suppressionOf(first.waiver, settings.file) };
  });
  const unused = current.filter((waiver) => !used.has(waiver) && isJudged(waiver, skippedSubmitters));
  return [...waived, ...expired.map((waiver) => waiverDiagnostic(waiver, settings.file, 'expired')), ...unused.map((waiver) => waiverDiagnostic(waiver, settings.file, 'unused'))].sort(compareDiagnostics);
}

function suppressionOf(waiver: Waiver, file: string): Suppression {
  return { kind: 'waiver', justification: waiver.justification, approvedBy: waiver.approvedBy, source: { file, index: waiver.index, ...(waiver.line !== undefined && { line: waiver.line }) } };
}

function waiverDiagnostic(waiver: Waiver, file: string, problem: 'expired' | 'unused'): Diagnostic {
  const info = problem === 'expired' ? EXPIRED_WAIVER : UNUSED_WAIVER;
  const subject = `Waiver ${waiver.index + 1} (${waiver.rule} at ${waiver.unit === '' ? '.' : waiver.unit})`;
  const message =
    problem === 'expired'
      ? `${subject} expired on ${waiver.expires} and no longer applies: fix the findings it covered and remove it, or have it approved again with a later expires date.`
      : `${subject} matched no finding: remove it if the problem is fixed, or correct its rule or its unit (a path relative to the submission root, e.g. closed/Acme/results/sys/resnet50/Offline).`;
  return {
    ruleId: info.id,
    messageId: problem,
    severity: info.severity,
    message,
    file,
    ...(waiver.line !== undefined && { line: waiver.line }),
    unit: { kind: 'root', path: '' },
    data: { rule: waiver.rule, unit: waiver.unit, waiver: waiver.index + 1, ...(waiver.expires !== undefined && { expires: waiver.expires }) },
  };
}

/** Whether the audit looked where the waiver points: anywhere but inside a submitter it left out. */
function isJudged(waiver: Waiver, skippedSubmitters: ReadonlySet<string> | undefined): boolean {
  if (skippedSubmitters === undefined) return true;
  const [division, submitter] = waiver.unit.split('/');
  if (division === undefined || submitter === undefined || isGlob(division) || isGlob(submitter)) return true;
  return !skippedSubmitters.has(`${division}/${submitter}`);
}

/** Whether a waiver's unit covers a path: the path is the unit or lies below it (a glob is tried on every ancestor). */
export function pathMatcher(unit: string): (path: string) => boolean {
  if (!isGlob(unit)) return (path) => unit === '' || path === unit || path.startsWith(`${unit}/`);
  const pattern = globPattern(unit);
  return (path) => {
    for (let end = path.length; end > 0; end = path.lastIndexOf('/', end - 1)) {
      if (pattern.test(path.slice(0, end))) return true;
    }
    return false;
  };
}

function isGlob(text: string): boolean {
  return /[*?]/.test(text);
}

/** `**` matches any number of path segments, `*` any characters within one, `?` one character. */
function globPattern(glob: string): RegExp {
  let source = '';
  for (let at = 0; at < glob.length; at++) {
    const char = glob[at] as string;
    if (glob.startsWith('**/', at)) {
      source += '(?:[^/]+/)*';
      at += 2;
    } else if (glob.startsWith('**', at)) {
      source += '.*';
      at += 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))];
}
