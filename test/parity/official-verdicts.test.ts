import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditSubmission, type AuditResult } from '../../src/checkers/inference/audit-submission.ts';
import { summaryCsvHeader, summaryCsvRows } from '../../src/report/csv.ts';
import { verdictLines } from '../../src/report/verdicts.ts';
import { DiskFs } from '../../src/tree/disk-fs.ts';
import { SHARED, sharedInference } from '../support/shared-data.ts';

const expected = (round: string, file: string): string[] =>
  readFileSync(path.join(SHARED, 'expected', 'inference', round, file), 'utf8').split('\n').filter((line) => line !== '');

describe.each(['v4.1', 'v5.1', 'v6.0'])('official profile on the real %s submissions, against the official outputs', (round) => {
  let result: AuditResult;
  beforeAll(async () => {
    result = await auditSubmission({ fs: new DiskFs(sharedInference(round)), round, profile: 'official' });
  });

  it('prints the official verdict lines, line for line', () => {
    expect(verdictLines(result)).toEqual(expected(round, 'verdicts.txt'));
  });

  it('writes the header of the official summary.csv', () => {
    expect(summaryCsvHeader(result)).toBe(expected(round, 'summary.csv')[0]);
  });

  // The official rows follow the checker's directory listing order, which depends on the file system: compare them
  // as a multiset.
  it('writes the rows of the official summary.csv', () => {
    const sorted = (rows: readonly string[]): string[] => [...rows].sort();
    expect(sorted(summaryCsvRows(result))).toEqual(sorted(expected(round, 'summary.csv').slice(1)));
  });
});
