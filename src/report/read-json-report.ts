import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import type { AuditResult } from '../checkers/inference/audit-submission.ts';
import { knownRounds } from '../rounds/load-round.ts';
import { JSON_REPORT_VERSION, type JsonReport } from './json.ts';
import { jsonReportSchema } from './json-report-schema.ts';
import { lazy } from '../util/lazy.ts';

/** A value, or why there is none, in one sentence for the user. */
export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

const reportValidator = lazy(() => new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile<JsonReport>(jsonReportSchema));
const ERRORS_SHOWN = 3;

/** Reads a file written by `check --format json` back into the audit it reports. */
export function loadJsonReport(file: string, shownAs: string = file): Outcome<AuditResult> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    return { ok: false, problem: code === 'ENOENT' ? `${shownAs} does not exist` : `cannot read ${shownAs} (${code ?? String(cause)})` };
  }
  return parseJsonReport(text, shownAs);
}

/**
 * The audit a JSON report holds, without the fields the reporter derives from it (`schemaVersion`, `summary`), so
 * that the JSON reporter writes the same report again. Fields this version does not know are kept.
 */
export function parseJsonReport(text: string, source: string): Outcome<AuditResult> {
  let content: unknown;
  try {
    content = JSON.parse(text);
  } catch (cause) {
    return { ok: false, problem: `${source} is not JSON (${cause instanceof Error ? cause.message : String(cause)}); pass the output of "check --format json"` };
  }
  const version = typeof content === 'object' && content !== null && 'schemaVersion' in content ? content.schemaVersion : undefined;
  if (typeof version === 'number' && version !== JSON_REPORT_VERSION) {
    return { ok: false, problem: `${source} is a JSON report of schemaVersion ${version}; this version of mlperf-audit reads schemaVersion ${JSON_REPORT_VERSION}` };
  }
  const validateReport = reportValidator();
  if (!validateReport(content)) {
    return { ok: false, problem: `${source} is not the JSON report of "check --format json": ${describeErrors(validateReport.errors ?? [])}` };
  }
  if (!knownRounds().includes(content.round.id)) {
    return { ok: false, problem: `${source} audits round "${content.round.id}", which this version of mlperf-audit does not know (known rounds: ${knownRounds().join(', ')})` };
  }
  const { schemaVersion: _schemaVersion, summary: _summary, ...audit } = content;
  return { ok: true, value: audit };
}

function describeErrors(errors: readonly ErrorObject[]): string {
  const shown = errors.slice(0, ERRORS_SHOWN).map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`);
  const more = errors.length - shown.length;
  return `${shown.join('; ')}${more > 0 ? ` (and ${more} more)` : ''}`;
}
