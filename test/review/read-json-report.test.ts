import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditSubmission, type AuditResult } from '../../src/checkers/inference/audit-submission.ts';
import { jsonReporter } from '../../src/report/json.ts';
import { loadJsonReport, parseJsonReport } from '../../src/report/read-json-report.ts';
import { reporters } from '../../src/report/reporters.ts';
import { DiskFs } from '../../src/tree/disk-fs.ts';

let audit: AuditResult;
let report: string;

beforeAll(async () => {
  audit = await auditSubmission({ fs: new DiskFs('fixtures/demo-submission'), round: 'v6.0', profile: 'recommended' });
  report = jsonReporter(audit, { color: false });
});

describe('reading a JSON report back', () => {
  it('gives the audit it reports, which the JSON reporter writes again byte for byte', () => {
    const read = parseJsonReport(report, 'audit.json');
    if (!read.ok) throw new Error(read.problem);
    expect(read.value).toEqual(audit);
    expect(jsonReporter(read.value, { color: false })).toBe(report);
  });

  it('renders in every format as the audit itself does', () => {
    const read = parseJsonReport(report, 'audit.json');
    if (!read.ok) throw new Error(read.problem);
    for (const reporter of Object.values(reporters)) expect(reporter(read.value, { color: false })).toBe(reporter(audit, { color: false }));
  });

  it('keeps fields this version does not know', () => {
    const newer = { ...JSON.parse(report), addedLater: { note: 'kept' } } as Record<string, unknown>;
    const read = parseJsonReport(JSON.stringify(newer), 'newer.json');
    expect(read.ok && (read.value as AuditResult & { addedLater?: unknown }).addedLater).toEqual({ note: 'kept' });
  });

  const edited = (edit: (report: Record<string, unknown>) => void): string => {
    const content = JSON.parse(report) as Record<string, unknown>;
    edit(content);
    return JSON.stringify(content);
  };
  const refusals: [string, () => string, RegExp][] = [
    ['text that is not JSON', () => '{"schemaVersion": 1,', /^audit\.json is not JSON \(.+\); pass the output of "check --format json"$/],
    ['another JSON document', () => '[1, 2, 3]', /^audit\.json is not the JSON report of "check --format json": \/ must be object$/],
    ['a report of another schema version', () => edited((content) => (content['schemaVersion'] = 2)), /^audit\.json is a JSON report of schemaVersion 2; this version of mlperf-audit reads schemaVersion 1$/],
    ['a report without its results', () => edited((content) => delete content['results']), /must have required property 'results'/],
    ['a verdict that is neither accepted nor rejected', () => edited((content) => ((content['results'] as { status: string }[])[0] as { status: string }).status = 'maybe'), /\/results\/0\/status must be equal to one of the allowed values/],
    ['an unknown round', () => edited((content) => ((content['round'] as { id: string }).id = 'v9.9')), /^audit\.json audits round "v9\.9", which this version of mlperf-audit does not know/],
  ];
  it.each(refusals)('refuses %s, in one sentence', (_name, text, problem) => {
    const read = parseJsonReport(text(), 'audit.json');
    expect(read.ok).toBe(false);
    expect(!read.ok && read.problem).toMatch(problem);
  });

  it('says when the file is missing', () => {
    const missing = path.join(mkdtempSync(path.join(tmpdir(), 'mlperf-audit-read-')), 'none.json');
    expect(loadJsonReport(missing, 'none.json')).toEqual({ ok: false, problem: 'none.json does not exist' });
  });

  it('reads a file', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'mlperf-audit-read-')), 'audit.json');
    writeFileSync(file, report);
    expect(loadJsonReport(file).ok).toBe(true);
  });
});
