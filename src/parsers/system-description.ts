import { Ajv, type ErrorObject } from 'ajv';
import type { RoundData } from '../rounds/types.ts';
import { jsonObjectParser } from './json-object.ts';
import { parsed, type FileSource, type Parser } from './parse-result.ts';

/** Which official check a schema violation belongs to. */
export type SystemFieldProblemKind = 'required' | 'meaningful' | 'status' | 'system-type' | 'network-required';

export interface SystemFieldProblem {
  readonly kind: SystemFieldProblemKind;
  readonly field: string;
  readonly value?: unknown;
  /** Where the field is written; the object's opening brace when it is absent. */
  readonly position: SourcePosition;
}

export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

export interface SystemDescription {
  readonly json: Readonly<Record<string, unknown>>;
  /** 1-based position of a top-level field's key; the object's opening brace when the field is absent. */
  positionOf(field: string): SourcePosition;
  readonly fieldProblems: readonly SystemFieldProblem[];
  /** `is_network` as the official tools read it: the string "true" in any case. */
  readonly isNetwork: boolean;
}

/**
 * Parses `systems/<system>.json` with source positions and validates it against a JSON Schema built from the
 * round's field lists, so that each violation carries the line of the offending field.
 */
export function systemDescriptionParser(round: RoundData): Parser<SystemDescription> {
  const validateBase = new Ajv({ allErrors: true, strict: false }).compile(schemaFor(round, false));
  const validateNetwork = new Ajv({ allErrors: true, strict: false }).compile(schemaFor(round, true));
  return {
    id: `system-description:${round.id}`,
    async parse(source: FileSource) {
      const document = await jsonObjectParser.parse(source);
      if (!document.ok) return document;
      const { json, positionOf } = document.value;
      const isNetwork = String(json['is_network'] ?? '').toLowerCase() === 'true';
      const validate = isNetwork ? validateNetwork : validateBase;
      validate(json);
      const fieldProblems = (validate.errors ?? []).flatMap((error) => toFieldProblem(error, json, positionOf));
      return parsed({ json, positionOf, fieldProblems, isNetwork });
    },
  };
}

/** Python-falsy JSON values: what the official "meaningful response" check rejects. */
const EMPTY_VALUES = ['', null, 0, false, [], {}];

function schemaFor(round: RoundData, network: boolean): object {
  const { requiredFields, meaningfulFields, networkFields, statuses, systemTypes } = round.systemDescription;
  const properties: Record<string, object> = {};
  for (const field of meaningfulFields) properties[field] = { $comment: 'meaningful', not: { enum: EMPTY_VALUES } };
  properties['status'] = {
    allOf: [properties['status'] ?? {}, { $comment: 'status', type: 'string', pattern: caseInsensitiveAlternatives(statuses) }],
  };
  properties['system_type'] = { allOf: [properties['system_type'] ?? {}, { $comment: 'system-type', enum: systemTypes }] };
  return {
    type: 'object',
    required: requiredFields,
    properties,
    ...(network && { allOf: [{ $comment: 'network-required', required: networkFields }] }),
  };
}

function caseInsensitiveAlternatives(values: readonly string[]): string {
  const escaped = values.map((value) => [...value].map((char) => (/[a-z]/i.test(char) ? `[${char.toLowerCase()}${char.toUpperCase()}]` : `\\${char}`)).join(''));
  return `^(?:${escaped.join('|')})$`;
}

function toFieldProblem(error: ErrorObject, json: Record<string, unknown>, positionOf: (field: string) => SourcePosition): SystemFieldProblem[] {
  if (error.keyword === 'required') {
    const field = String(error.params['missingProperty']);
    const kind: SystemFieldProblemKind = error.schemaPath.includes('allOf') ? 'network-required' : 'required';
    return [{ kind, field, position: positionOf(field) }];
  }
  const field = error.instancePath.split('/')[1];
  if (field === undefined) return [];
  const value = json[field];
  if (error.keyword === 'not') return [{ kind: 'meaningful', field, value, position: positionOf(field) }];
  if (field === 'status' && (error.keyword === 'pattern' || error.keyword === 'type')) return [{ kind: 'status', field, value, position: positionOf(field) }];
  if (field === 'system_type' && error.keyword === 'enum') return [{ kind: 'system-type', field, value, position: positionOf(field) }];
  return [];
}
