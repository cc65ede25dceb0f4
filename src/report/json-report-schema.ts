import type { SchemaObject } from 'ajv';
import { PROFILES } from '../rules/rule.ts';
import { UNIT_KINDS } from '../tree/units.ts';
import { SEVERITIES } from './diagnostic.ts';
import { JSON_REPORT_VERSION } from './json.ts';

// The JSON report (docs/json-report.md) as `report`, `diff` and `merge` read it back. It requires what the reporters
// and the review tools use and lets every object carry more: new fields appear without a schemaVersion bump.

const text = { type: 'string' } as const;
const count = { type: 'integer', minimum: 0 } as const;
const texts = { type: 'array', items: text } as const;
/** JSON has no NaN or Infinity: JSON.stringify writes them as null. */
const measured = { type: ['number', 'null'] } as const;

function object(properties: Record<string, SchemaObject>, optional: readonly string[] = []): SchemaObject {
  return { type: 'object', required: Object.keys(properties).filter((name) => !optional.includes(name)), properties };
}

const diagnostic = object(
  {
    ruleId: text,
    messageId: text,
    severity: { enum: [...SEVERITIES] },
    message: text,
    file: text,
    line: count,
    column: count,
    unit: object({ kind: { enum: [...UNIT_KINDS] }, path: text }),
    data: { type: 'object', additionalProperties: { type: ['string', 'number'] } },
    suppression: object({ kind: text, justification: text, approvedBy: text, source: object({ file: text, index: count }) }),
  },
  ['line', 'column', 'data', 'suppression'],
);

const resultVerdict = object(
  {
    path: text,
    division: text,
    submitter: text,
    system: text,
    benchmark: text,
    model: text,
    scenario: text,
    status: { enum: ['accepted', 'rejected'] },
    metric: object({ value: measured, text, unit: text, key: text, inferred: { type: 'boolean' } }),
    power: object({ value: measured, text, unit: { enum: ['Watts', 'millijoules'] }, efficiency: measured }),
    rejectedBy: texts,
    summary: object(
      {
        system: { type: 'object' },
        weightDataTypes: {},
        accuracy: { type: 'array', items: object({ metric: text, text, line: count }) },
        effectiveScenario: text,
        recordedScenario: text,
      },
      ['weightDataTypes', 'effectiveScenario', 'recordedScenario'],
    ),
  },
  ['metric', 'power', 'summary'],
);

export const jsonReportSchema: SchemaObject = object(
  {
    schemaVersion: { const: JSON_REPORT_VERSION },
    tool: object({ name: text, version: text }),
    root: text,
    round: object({ id: text, detected: { type: 'boolean' }, evidence: text }, ['evidence']),
    profile: { enum: [...PROFILES] },
    officialChecker: { enum: ['monolith', 'modular'] },
    diagnostics: { type: 'array', items: diagnostic },
    results: { type: 'array', items: resultVerdict },
    rejections: { type: 'array', items: object({ key: text, kind: { enum: [...UNIT_KINDS] }, ruleIds: texts, coveredBy: text }, ['coveredBy']) },
    rules: { type: 'array', items: object({ id: text, description: text, severity: { enum: [...SEVERITIES] } }) },
    stats: object({ entries: count, durationMs: count }),
    shard: object({ index: { type: 'integer', minimum: 1 }, count: { type: 'integer', minimum: 1 }, submitters: texts }),
    summary: object({ errors: count, warnings: count, infos: count, accepted: count, rejected: count }),
  },
  ['shard'],
);
