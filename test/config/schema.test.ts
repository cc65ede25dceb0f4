import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { buildConfigSchema, CONFIG_SCHEMA_FILE, configSchema, renderConfigSchema } from '../../src/config/schema.ts';
import { knownRounds } from '../../src/rounds/load-round.ts';
import { registry } from '../../src/rules/registry.ts';

interface GeneratedSchema {
  properties: {
    profile: { enum: string[] };
    round: { enum: string[] };
    rules: { properties: Record<string, { description: string; enum: string[] }> };
    waivers: { items: { properties: { rule: { enum: string[] } } } };
  };
}

describe('the configuration schema', () => {
  it('is committed as generated from the rules and rounds (run `npm run generate`)', () => {
    expect(readFileSync(CONFIG_SCHEMA_FILE, 'utf8')).toBe(renderConfigSchema());
  });

  it('names every rule of the registry, under rules and as a waiver rule, with its description', () => {
    const schema = configSchema() as unknown as GeneratedSchema;
    const ids = registry.map((rule) => rule.id);
    expect(Object.keys(schema.properties.rules.properties)).toEqual(ids);
    expect(schema.properties.waivers.items.properties.rule.enum).toEqual(ids);
    for (const rule of registry) expect(schema.properties.rules.properties[rule.id]).toEqual({ description: rule.meta.description, enum: ['error', 'warning', 'info', 'off'] });
  });

  it('names the rounds the tool knows and both profiles', () => {
    const schema = configSchema() as unknown as GeneratedSchema;
    expect(schema.properties.round.enum).toEqual(knownRounds());
    expect(schema.properties.profile.enum.sort()).toEqual(['official', 'recommended']);
  });

  it('follows its inputs: a new rule or round appears in it', () => {
    const schema = buildConfigSchema({ rules: [{ id: 'perf/new-rule', description: 'A rule.' }], rounds: ['v9.0'] }) as unknown as GeneratedSchema;
    expect(Object.keys(schema.properties.rules.properties)).toEqual(['perf/new-rule']);
    expect(schema.properties.waivers.items.properties.rule.enum).toEqual(['perf/new-rule']);
    expect(schema.properties.round.enum).toEqual(['v9.0']);
  });

  it('compiles in ajv\'s strict mode, as an editor or another tool would read it', () => {
    const ajv = new Ajv({ strict: true });
    ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
    expect(() => ajv.compile(JSON.parse(readFileSync(CONFIG_SCHEMA_FILE, 'utf8')) as object)).not.toThrow();
  });
});
