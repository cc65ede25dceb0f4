import { describe, expect, it } from 'vitest';
import { knownRounds, loadRound, parseRound, RoundDataError } from '../../src/rounds/load-round.ts';

describe('round data files', () => {
  it('ships the rounds the tool audits', () => {
    expect(knownRounds()).toEqual(['v4.1', 'v5.0', 'v5.1', 'v6.0', 'v6.1']);
  });

  it.each(knownRounds())('%s matches the schema and its accuracy patterns compile', (id) => {
    const round = loadRound(id);
    expect(round.id).toBe(id);
    for (const pattern of Object.values(round.accuracyPatterns)) expect(() => new RegExp(pattern)).not.toThrow();
    for (const model of Object.values(round.models)) {
      const categories = Object.values(model.scenarios);
      expect(categories.length).toBeGreaterThan(0);
    }
  });

  it('rejects a round file that does not match the schema, naming the field', () => {
    expect(() => parseRound('id: v9.9\nlayout: sideways\n', 'v9.9.yaml')).toThrow(RoundDataError);
    expect(() => parseRound('id: v9.9\nlayout: sideways\n', 'v9.9.yaml')).toThrow(/layout/);
  });

  it('rejects a file that is not YAML', () => {
    expect(() => parseRound('id: [unclosed', 'broken.yaml')).toThrow(/broken\.yaml/);
  });
});
