import { describe, expect, it } from 'vitest';
import { powerCheckData } from '../../src/checkers/inference/power.ts';
import { knownRounds, loadRound } from '../../src/rounds/load-round.ts';

describe('power-check data (src/rounds/data/power-checks.json)', () => {
  it.each(knownRounds())('covers %s with named sources and complete checksum sets', (id) => {
    const data = powerCheckData(loadRound(id));
    expect(data.checker.length).toBeGreaterThan(10);
    expect(data.ptdVersions.length).toBeGreaterThan(0);
    expect(data.ampsRangeRestore.commands.length).toBeGreaterThan(0);
    expect(data.wattScenarios).toEqual(expect.arrayContaining(['Offline', 'Server']));
    expect(data.sourcesChecksums.length).toBeGreaterThan(0);
    for (const entry of data.sourcesChecksums) {
      expect(entry.source.length, entry.id).toBeGreaterThan(10);
      expect(Object.values(entry.files).every((sha1) => /^[0-9a-f]{40}$/.test(sha1)), entry.id).toBe(true);
      expect(Object.keys(entry.files), entry.id).toContain('lib/server.py');
    }
  });

  it('gives a round it does not know the data of the newest round it knows', () => {
    const newest = knownRounds().at(-1) as string;
    expect(powerCheckData({ ...loadRound(newest), id: 'v9.9' })).toEqual(powerCheckData(loadRound(newest)));
  });
});
