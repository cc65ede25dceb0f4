import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain JavaScript build script without type declarations
import { renderRegistry, ruleIdsOnDisk } from '../../scripts/generate-rule-registry.js';
import { INTERNAL_RULES } from '../../src/checkers/internal-rules.ts';
import { registry } from '../../src/rules/registry.ts';
import { RULE_CATEGORIES } from '../../src/rules/rule.ts';
import { UNIT_KINDS } from '../../src/tree/units.ts';

const docsOf = (id: string): string => `docs/rules/${id}.md`;

describe('rule registry', () => {
  it('is generated from the rule files and up to date (run `npm run generate`)', () => {
    expect(readFileSync('src/rules/registry.ts', 'utf8')).toBe(renderRegistry());
  });

  it('holds one rule per file, in id order', () => {
    expect(registry.map((rule) => rule.id)).toEqual(ruleIdsOnDisk());
  });
});

describe.each(registry.map((rule) => [rule.id, rule] as const))('%s', (id, rule) => {
  it('is named after its file and category folder', () => {
    const [category] = id.split('/');
    expect(RULE_CATEGORIES).toContain(category);
    expect(rule.meta.category).toBe(category);
  });

  it('has a docs page that starts with its id and description', () => {
    expect(existsSync(docsOf(id)), docsOf(id)).toBe(true);
    const [title, , description] = readFileSync(docsOf(id), 'utf8').split('\n');
    expect(title).toBe(`# ${id}`);
    expect(description).toBe(rule.meta.description);
  });

  it('has a test file with valid and invalid cases', () => {
    const testFile = `test/rules/${id}.test.ts`;
    expect(existsSync(testFile), testFile).toBe(true);
    expect(readFileSync(testFile, 'utf8')).toMatch(/testRule\(/);
  });

  it('rejects at its own level or above', () => {
    const levels = typeof rule.meta.rejects === 'object' ? Object.values(rule.meta.rejects) : [rule.meta.rejects];
    for (const level of levels) {
      if (level === 'none') continue;
      expect(UNIT_KINDS.indexOf(level === 'measurements' ? 'scenario' : level === 'benchmark-record' ? 'benchmark' : level)).toBeLessThanOrEqual(UNIT_KINDS.indexOf(rule.meta.scope));
    }
  });

  it('has messages that end as sentences and cite rule text', () => {
    expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0);
    for (const message of Object.values(rule.meta.messages)) expect(message).toMatch(/[.!?)]$/);
    expect(rule.meta.ruleText.length).toBeGreaterThan(10);
  });
});

describe('internal diagnostics', () => {
  it.each(INTERNAL_RULES.map((info) => [info.id, info] as const))('%s has a docs page', (id, info) => {
    const [title, , description] = readFileSync(docsOf(id), 'utf8').split('\n');
    expect(title).toBe(`# ${id}`);
    expect(description).toBe(info.description);
  });
});
