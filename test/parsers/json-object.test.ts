import { describe, expect, it } from 'vitest';
import { jsonObjectParser } from '../../src/parsers/json-object.ts';
import type { FileSource } from '../../src/parsers/parse-result.ts';
import { sourceOf } from '../support/file-source.ts';

const source = (content: string | Buffer): FileSource => sourceOf(content, 'file.txt');

describe('JSON object parser', () => {
  it('gives each top-level key its position, and the opening brace for an absent key', async () => {
    const result = await jsonObjectParser.parse(source('{\n  "retraining": "No",\n  "weight_data_types": ""\n}\n'));
    if (!result.ok) throw new Error('expected a parsed document');
    expect(result.value.json).toEqual({ retraining: 'No', weight_data_types: '' });
    expect(result.value.positionOf('weight_data_types')).toEqual({ line: 3, column: 3 });
    expect(result.value.positionOf('input_data_types')).toEqual({ line: 1, column: 1 });
  });

  it('reports where invalid JSON stops, and a document that is not an object', async () => {
    expect(await jsonObjectParser.parse(source('{\n  "retraining": "No",\n}'))).toMatchObject({ ok: false, problems: [{ kind: 'malformed', line: 3 }] });
    expect(await jsonObjectParser.parse(source('[1, 2]'))).toMatchObject({ ok: false, problems: [{ kind: 'malformed', message: 'must hold a JSON object' }] });
    expect(await jsonObjectParser.parse(source(Buffer.from([0, 1])))).toMatchObject({ ok: false });
  });
});
