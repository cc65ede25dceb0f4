import {
  allOfficialCalibrationLists,
  IDENTIFIER_SYNTAX,
  identifiersOfLine,
  officialCalibrationLists,
  type IdentifierKind,
  type OfficialCalibrationList,
} from './calibration-lists.ts';

/**
 * Checks a submission's declared calibration set against the official lists (spec harness.md §4.7, rules §8.1:
 * "must only use the calibration data set provided by the benchmark owner … may choose to use only a subset"):
 * the declared identifiers must all lie in one official list.
 */

/** `document`: free text such as calibration.md; `list-file`: an explicit list, one identifier a line. */
export type DeclarationSource = 'document' | 'list-file';

export interface CalibrationSetOptions {
  /** Compares with this benchmark's lists only; without it, every official list is a candidate. */
  readonly benchmark?: string;
  /** Defaults to `document`. */
  readonly source?: DeclarationSource;
}

/** How many declared identifiers one official list holds. */
export interface ListMatch {
  /** The list's path under `calibration/`, e.g. `ImageNet/cal_image_list_option_1.txt`. */
  readonly list: string;
  readonly dataset: string;
  readonly matched: number;
  readonly size: number;
  /** matched / size */
  readonly coverage: number;
}

export interface CalibrationSetChecked {
  readonly status: 'checked';
  /** Distinct declared identifiers. */
  readonly declared: number;
  readonly kinds: readonly IdentifierKind[];
  /** The candidate list holding the most declared identifiers; absent when none holds any. */
  readonly closestList?: ListMatch;
  /** Every declared identifier is in `closestList`: the rule is met. */
  readonly withinOneList: boolean;
  /** Declared identifiers in no candidate list, sorted. */
  readonly outsideEveryList: readonly string[];
  /** No single candidate list holds all the identifiers that are in candidate lists (e.g. both ImageNet options). */
  readonly spansSeveralLists: boolean;
  /** Every candidate list holding at least one declared identifier. */
  readonly listsTouched: readonly ListMatch[];
  /** Official lists of other benchmarks holding identifiers of `outsideEveryList` (another benchmark's calibration data). */
  readonly foreignLists: readonly ListMatch[];
  /** Official list files the text names. */
  readonly namedLists: readonly string[];
}

export type UnverifiableReason =
  /** The benchmark has no official list in the project data. */
  | 'no-official-list'
  /** The project's list files could not be read (e.g. a build without its data files). */
  | 'lists-unavailable'
  /** No identifier, but the text names official list files: which of their entries were used is not stated. */
  | 'names-list-only'
  /** No identifier; the text points to another calibration document. */
  | 'refers-to-other-document'
  /** No identifier: the text only describes the procedure. */
  | 'procedure-only';

export interface CalibrationSetUnverifiable {
  readonly status: 'cannot-verify';
  readonly reason: UnverifiableReason;
  readonly explanation: string;
  readonly namedLists: readonly string[];
  /** `calibration.md` paths or URLs the text refers to. */
  readonly referencedDocuments: readonly string[];
}

export type CalibrationSetResult = CalibrationSetChecked | CalibrationSetUnverifiable;

/** Declared identifiers (canonical spelling) with their kind. */
export type DeclaredIdentifiers = ReadonlyMap<string, IdentifierKind>;

const URL_PATTERN = /\bhttps?:\/\/\S+/g;

/**
 * The identifiers a text declares, of the kinds the candidate lists use plus the distinctive kinds (whose spelling
 * cannot be anything else). URLs are skipped in documents: their hex path segments are commits, not samples. In a
 * list file, a line without a patterned identifier is itself one (an index or a prompt), when a candidate list uses
 * such lines.
 */
export function extractDeclaredIdentifiers(text: string, candidateKinds: ReadonlySet<IdentifierKind>, source: DeclarationSource = 'document'): DeclaredIdentifiers {
  const patternedKinds = (Object.keys(IDENTIFIER_SYNTAX) as IdentifierKind[]).filter(
    (kind) => IDENTIFIER_SYNTAX[kind].pattern && (IDENTIFIER_SYNTAX[kind].distinctive || candidateKinds.has(kind)),
  );
  const lineKind = (['index', 'prompt'] as const).find((kind) => candidateKinds.has(kind));
  const declared = new Map<string, IdentifierKind>();
  const lines = source === 'document' ? [text.replace(URL_PATTERN, ' ')] : text.split(/\r?\n/);
  for (const line of lines) {
    const patterned = patternedKinds.map((kind) => [kind, identifiersOfLine(line, kind)] as const).filter(([, found]) => found.length > 0);
    for (const [kind, found] of patterned) for (const identifier of found) declared.set(identifier, kind);
    if (source === 'list-file' && patterned.length === 0 && lineKind) {
      for (const identifier of identifiersOfLine(line, lineKind)) declared.set(identifier, lineKind);
    }
  }
  return declared;
}

// Names starting with "calibration" (calibration.txt, calibration-list.txt, …) are too generic to count alone.
const isGenericFileName = (fileName: string): boolean => fileName.startsWith('calibration');

/** Official list files the text names: by path, or by file name when that is specific to one list. */
export function namedOfficialLists(text: string, lists: readonly OfficialCalibrationList[] = allOfficialCalibrationLists()): string[] {
  const lowerText = text.toLowerCase();
  return lists
    .filter(({ id }) => {
      const fileName = id.slice(id.indexOf('/') + 1).toLowerCase();
      return lowerText.includes(id.toLowerCase()) || (!isGenericFileName(fileName) && lowerText.includes(fileName));
    })
    .map(({ id }) => id);
}

const referencedDocuments = (text: string): string[] => [...new Set(text.match(/[\w./:-]*calibration\.md\b/gi) ?? [])];

function listMatch(list: OfficialCalibrationList, identifiers: Iterable<string>): ListMatch {
  let matched = 0;
  for (const identifier of identifiers) if (list.identifiers.has(identifier)) matched++;
  const size = list.identifiers.size;
  return { list: list.id, dataset: list.dataset, matched, size, coverage: matched / size };
}

const touched = (lists: readonly OfficialCalibrationList[], identifiers: Iterable<string>): ListMatch[] =>
  lists.map((list) => listMatch(list, identifiers)).filter(({ matched }) => matched > 0);

function unverifiable(reason: UnverifiableReason, explanation: string, text: string, lists: readonly OfficialCalibrationList[]): CalibrationSetUnverifiable {
  return { status: 'cannot-verify', reason, explanation, namedLists: namedOfficialLists(text, lists), referencedDocuments: referencedDocuments(text) };
}

/** Why a text without identifiers cannot be verified, most informative reason first. */
function withoutIdentifiers(text: string, lists: readonly OfficialCalibrationList[]): CalibrationSetUnverifiable {
  const named = namedOfficialLists(text, lists);
  const documents = referencedDocuments(text);
  const [reason, explanation]: [UnverifiableReason, string] =
    named.length > 0
      ? ['names-list-only', `names ${named.join(', ')} but no sample identifier, so the subset used is not stated`]
      : documents.length > 0
        ? ['refers-to-other-document', `no sample identifier; refers to ${documents.join(', ')}`]
        : ['procedure-only', 'no sample identifier: the text only describes the calibration procedure'];
  return { status: 'cannot-verify', reason, explanation, namedLists: named, referencedDocuments: documents };
}

function loadLists(benchmark: string | undefined): { candidates: OfficialCalibrationList[]; all: OfficialCalibrationList[] } | Error {
  try {
    return { candidates: benchmark === undefined ? allOfficialCalibrationLists() : officialCalibrationLists(benchmark), all: allOfficialCalibrationLists() };
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** Compares the calibration set a text declares with the official lists. Never throws. */
export function checkCalibrationSet(text: string, options: CalibrationSetOptions = {}): CalibrationSetResult {
  const { benchmark, source = 'document' } = options;
  const lists = loadLists(benchmark);
  if (lists instanceof Error) return unverifiable('lists-unavailable', `the official calibration lists could not be read: ${lists.message}`, text, []);
  const { candidates, all } = lists;
  if (candidates.length === 0) {
    return unverifiable('no-official-list', `the project holds no official calibration list for ${benchmark}`, text, all);
  }
  const declared = extractDeclaredIdentifiers(text, new Set(candidates.map(({ kind }) => kind)), source);
  if (declared.size === 0) return withoutIdentifiers(text, all);

  const identifiers = [...declared.keys()];
  const outsideEveryList = identifiers.filter((identifier) => !candidates.some((list) => list.identifiers.has(identifier))).sort();
  const listsTouched = touched(candidates, identifiers);
  const closestList = listsTouched.reduce<ListMatch | undefined>((best, match) => (best && best.matched >= match.matched ? best : match), undefined);
  const insideCount = identifiers.length - outsideEveryList.length;
  const otherLists = all.filter((list) => !candidates.includes(list));
  return {
    status: 'checked',
    declared: declared.size,
    kinds: [...new Set(declared.values())],
    ...(closestList ? { closestList } : {}),
    withinOneList: closestList?.matched === identifiers.length,
    outsideEveryList,
    spansSeveralLists: insideCount > 0 && closestList !== undefined && closestList.matched < insideCount,
    listsTouched,
    foreignLists: touched(otherLists, outsideEveryList),
    namedLists: namedOfficialLists(text, all),
  };
}
