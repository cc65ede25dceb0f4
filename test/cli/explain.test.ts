import { describe, expect, it } from 'vitest';
import { explainRule } from '../../src/cli/rule-docs.ts';
import { registry } from '../../src/rules/registry.ts';

describe('explain', () => {
  it.each(registry.map((rule) => [rule.id]))('%s: the rule text, why it matters and how to fix it', (id) => {
    const page = explainRule(id, false) ?? '';
    expect(page).toMatch(/^rule text: +\S/m);
    expect(page).toMatch(/^Why\n\S/m);
    expect(page).toMatch(/^How to fix\n\S/m);
  });
});
