import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditSubmission, type AuditResult } from '../../src/checkers/inference/audit-submission.ts';
import { verdictLines } from '../../src/report/verdicts.ts';
import { DiskFs } from '../../src/tree/disk-fs.ts';
import { SHARED, sharedInference } from '../support/shared-data.ts';

const expected = (round: string, file: string): string[] =>
  readFileSync(path.join(SHARED, 'expected', 'inference', round, file), 'utf8').split('\n').filter((line) => line !== '');

/** The result folder a verdict line is about: `Results <path> <metric…>` or `NoResults <path>`. */
const pathOf = (line: string): string => line.split(' ')[1] as string;

describe.each(['v4.1', 'v5.1', 'v6.0'])('official profile on the real %s submissions', (round) => {
  let result: AuditResult;
  beforeAll(async () => {
    result = await auditSubmission({ fs: new DiskFs(sharedInference(round)), round, profile: 'official' });
  });

  it('gives a verdict for every result folder the official checker gives one for, and for no other', () => {
    expect(verdictLines(result).map(pathOf).sort()).toEqual(expected(round, 'verdicts.txt').map(pathOf).sort());
  });

  it('raises layout and system findings only where the official checker reports the same problem', () => {
    const officialDiagnostics = expected(round, 'diagnostics.txt');
    const ours = result.diagnostics.filter((diagnostic) => /^(struct|sys)\//.test(diagnostic.ruleId));
    const unexplained = ours.filter((diagnostic) => {
      if (diagnostic.ruleId !== 'sys/unknown-fields') return true;
      const system = path.basename(diagnostic.file, '.json');
      const submitterPath = diagnostic.file.split('/').slice(0, 2).join('/');
      return !officialDiagnostics.includes(`WARNING ${submitterPath}/results/${system}, field ${diagnostic.data?.['field']} is unknown`);
    });
    expect(unexplained.map((diagnostic) => `${diagnostic.ruleId} ${diagnostic.file}: ${diagnostic.message}`)).toEqual([]);
  });

  it('finds every unknown system-description field the official checker warns about', () => {
    const officialUnknown = expected(round, 'diagnostics.txt').filter((line) => / field \S+ is unknown$/.test(line));
    const oursUnknown = result.diagnostics
      .filter((diagnostic) => diagnostic.ruleId === 'sys/unknown-fields')
      .map((diagnostic) => `WARNING ${diagnostic.file.split('/').slice(0, 2).join('/')}/results/${path.basename(diagnostic.file, '.json')}, field ${diagnostic.data?.['field']} is unknown`);
    expect(oursUnknown.sort()).toEqual([...officialUnknown].sort());
  });
});
