import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Log, Result } from 'sarif';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditResult } from '../../src/checkers/inference/audit-submission.ts';
import { sarifReporter, toSarifLog } from '../../src/report/sarif.ts';
import { auditTree } from '../support/audit-tree.ts';
import { auditSharedRound, finding, snapshotAudit } from '../support/report-audits.ts';
import { realResult, without } from '../support/shared-data.ts';

/**
 * The OASIS schema of SARIF 2.1.0 with its errata, as published (test/fixtures/README.md). It declares JSON Schema
 * draft-04, whose `id` keyword Ajv 8 refuses; nothing else in it reads differently in the drafts Ajv implements, so
 * it is compiled without its `$schema` and `id`.
 */
function sarifSchemaValidator(): ValidateFunction {
  const published = JSON.parse(readFileSync(new URL('../fixtures/sarif-schema-2.1.0.json', import.meta.url), 'utf8')) as Record<string, unknown>;
  const schema = Object.fromEntries(Object.entries(published).filter(([key]) => key !== '$schema' && key !== 'id'));
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  return ajv.compile(schema);
}

const validateSarif = sarifSchemaValidator();

function expectValidSarif(log: Log): void {
  validateSarif(log);
  expect(validateSarif.errors ?? []).toEqual([]);
}

const locationOf = (result: Result) => result.locations?.[0]?.physicalLocation;

describe.each(['v5.1', 'v6.0'])('sarif of the real %s submissions', (round) => {
  let audit: AuditResult;
  let log: Log;
  beforeAll(async () => {
    audit = await auditSharedRound(round);
    log = JSON.parse(sarifReporter(audit, { color: false })) as Log;
  });

  it('is valid SARIF 2.1.0, in one run, with a result per finding', () => {
    expectValidSarif(log);
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0]?.results).toHaveLength(audit.diagnostics.length);
  });

  it('places every result at a file that exists under the audited root, by a path from the working folder', () => {
    const run = log.runs[0];
    expect(run?.originalUriBaseIds?.['SUBMISSIONROOT']).toEqual(expect.objectContaining({ uri: `${audit.root}/`, uriBaseId: 'SRCROOT' }));
    const root = path.resolve(audit.root);
    const misplaced = (run?.results ?? []).filter((result) => {
      const artifact = locationOf(result)?.artifactLocation;
      if (artifact?.uri === undefined || artifact.uriBaseId !== 'SRCROOT') return true;
      const file = path.resolve(decodeURIComponent(artifact.uri));
      try {
        return !file.startsWith(`${root}${path.sep}`) || !statSync(file).isFile();
      } catch {
        return true;
      }
    });
    expect(misplaced).toEqual([]);
  });

  it('describes the rules that ran, then the other rules findings name, each with its help and documentation link', () => {
    const rules = log.runs[0]?.tool.driver.rules ?? [];
    const ran = audit.rules.map((rule) => rule.id);
    const named = [...new Set(audit.diagnostics.map((diagnostic) => diagnostic.ruleId))].filter((id) => !ran.includes(id)).sort();
    expect(rules.map((rule) => rule.id)).toEqual([...ran, ...named]);
    for (const rule of rules) {
      expect(rule.helpUri).toMatch(new RegExp(`/docs/rules/${rule.id}\\.md$`));
      expect(rule.help?.markdown).toContain(`docs/rules/${rule.id}.md`);
      expect(rule.fullDescription?.text.length).toBeLessThanOrEqual(1024);
    }
    for (const result of log.runs[0]?.results ?? []) expect(rules[result.ruleIndex ?? -1]?.id).toBe(result.ruleId);
  });
});

describe('sarif', () => {
  it('matches the snapshot of v5.1 audited with a few rules and two waivers', async () => {
    const log = toSarifLog(await snapshotAudit());
    expectValidSarif(log);
    await expect(`${JSON.stringify(log, null, 2)}\n`).toMatchFileSnapshot('__snapshots__/sarif-v5.1.sarif.json');
  });

  it('is compact JSON, one line', async () => {
    const text = sarifReporter(await snapshotAudit(), { color: false });
    expect(text.trimEnd()).not.toContain('\n');
  });

  it('places a finding about a missing path or a folder at the nearest file, from its first line, with the path in the message', async () => {
    const whisper = realResult('v6.0', 'closed/RedHat/results/8xH200_whisper/whisper/Offline');
    const tree = without(without(whisper.tree, `${whisper.path}/accuracy`), 'closed/RedHat/src');
    const { result } = await auditTree(tree, { round: 'v6.0', profile: 'recommended' });
    const log = toSarifLog({ ...result, root: '.' });
    expectValidSarif(log);
    const shownElsewhere = (log.runs[0]?.results ?? []).filter((sarif) => sarif.properties?.['subject'] !== undefined);
    const subjects = shownElsewhere.map((sarif) => String(sarif.properties?.['subject']));
    expect(subjects).toContain('closed/RedHat/src');
    expect(subjects).toContain(whisper.path);
    for (const sarif of shownElsewhere) {
      const location = locationOf(sarif);
      expect(tree[decodeURIComponent(location?.artifactLocation?.uri ?? '')]).toBeDefined();
      expect(location?.region).toEqual({ startLine: 1 });
      expect(sarif.message.text?.startsWith(`${String(sarif.properties?.['subject']) || '.'}: `)).toBe(true);
    }
  });

  it('keeps a waived finding as a result with an accepted external suppression that points at the waiver', async () => {
    const audit = await snapshotAudit();
    const log = toSarifLog(audit);
    const waived = (log.runs[0]?.results ?? []).filter((result) => result.suppressions !== undefined);
    expect(waived).toHaveLength(audit.diagnostics.filter((diagnostic) => diagnostic.suppression !== undefined).length);
    expect(waived.length).toBeGreaterThan(0);
    expect(waived[0]?.suppressions).toEqual([
      {
        kind: 'external',
        status: 'accepted',
        justification: 'Images published in the results repository',
        location: { physicalLocation: { artifactLocation: { uri: 'mlperf-audit.config.yaml', uriBaseId: 'SRCROOT' }, region: { startLine: 3 } } },
        properties: { approvedBy: 'Results chair', waiver: 1 },
      },
    ]);
  });

  it('places findings about the configuration file as it is named, without the audited root before it', async () => {
    const log = toSarifLog(await snapshotAudit());
    const unused = log.runs[0]?.results?.find((result) => result.ruleId === 'config/unused-waiver');
    expect(locationOf(unused as Result)).toEqual({ artifactLocation: { uri: 'mlperf-audit.config.yaml', uriBaseId: 'SRCROOT' }, region: { startLine: 7 } });
    expect(log.runs[0]?.tool.driver.rules?.at(-1)).toEqual(expect.objectContaining({ id: 'config/unused-waiver', defaultConfiguration: { level: 'warning' } }));
  });

  it.each([
    ['./submissions//v5.1/', { uri: 'submissions/v5.1/', uriBaseId: 'SRCROOT' }, { uri: 'submissions/v5.1/closed/Org/a.txt', uriBaseId: 'SRCROOT' }],
    ['.', { uri: './', uriBaseId: 'SRCROOT' }, { uri: 'closed/Org/a.txt', uriBaseId: 'SRCROOT' }],
    ['../data/a b#1', { uri: '../data/a%20b%231/', uriBaseId: 'SRCROOT' }, { uri: '../data/a%20b%231/closed/Org/a.txt', uriBaseId: 'SRCROOT' }],
    ['/srv/mlperf/v5.1', { uri: 'file:///srv/mlperf/v5.1/' }, { uri: 'file:///srv/mlperf/v5.1/closed/Org/a.txt' }],
  ])('records the audited root %s as %j and puts it before the files', async (root, submissionRoot, artifact) => {
    const audit = await snapshotAudit();
    const log = toSarifLog({ ...audit, root, diagnostics: [finding({ file: 'closed/Org/a.txt' })] });
    expectValidSarif(log);
    expect(log.runs[0]?.originalUriBaseIds?.['SUBMISSIONROOT']).toEqual(expect.objectContaining(submissionRoot));
    expect(locationOf(log.runs[0]?.results?.[0] as Result)?.artifactLocation).toEqual(artifact);
  });

  it('maps severities to levels and percent-encodes paths', async () => {
    const audit = await snapshotAudit();
    const diagnostics = [
      finding({ severity: 'error', file: 'closed/Org/a b%.txt', line: 3, column: 7 }),
      finding({ severity: 'warning', file: 'closed/Org/x.json' }),
      finding({ severity: 'info', file: 'closed/Org/y.json' }),
    ];
    const log = toSarifLog({ ...audit, root: '.', diagnostics });
    expectValidSarif(log);
    const results = log.runs[0]?.results ?? [];
    expect(results.map((result) => result.level)).toEqual(['error', 'warning', 'note']);
    expect(locationOf(results[0] as Result)).toEqual({ artifactLocation: { uri: 'closed/Org/a%20b%25.txt', uriBaseId: 'SRCROOT' }, region: { startLine: 3, startColumn: 7 } });
    expect(locationOf(results[1] as Result)?.region).toBeUndefined();
  });

  it('fingerprints a finding by rule, path and message, not by line, numbering findings that share them', async () => {
    const audit = await snapshotAudit();
    const fingerprints = (diagnostics: AuditResult['diagnostics']) =>
      (toSarifLog({ ...audit, diagnostics }).runs[0]?.results ?? []).map((result) => result.partialFingerprints?.['primaryLocationLineHash']);
    const [first, second] = fingerprints([finding({ line: 3 }), finding({ line: 9 })]);
    expect(first).toMatch(/^[0-9a-f]{16}:1$/);
    expect(second).toBe(first?.replace(/:1$/, ':2'));
    expect(fingerprints([finding({ line: 40 })])).toEqual([first]);
    expect(fingerprints([finding({ messageId: 'other' })])).not.toEqual([first]);
  });
});
