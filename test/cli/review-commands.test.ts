import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runMain, STACK_TRACE } from '../support/cli.ts';

const DEMO = ['fixtures/demo-submission', '--round', 'v6.0'];
// The demo's CPU-only system fails sys/meaningful-fields (rejecting its result) and copies the other system's logs.
const LENIENT = ['--rule', 'sys/meaningful-fields=off', '--rule', 'struct/copied-logs=off'];

let folder: string;
const file = (name: string) => path.join(folder, name);
const withoutDuration = (report: string) => report.replace(/"durationMs": \d+/, '"durationMs": 0');

beforeAll(async () => {
  folder = mkdtempSync(path.join(tmpdir(), 'mlperf-audit-review-'));
  for (const [name, extra] of [['strict.json', []], ['lenient.json', LENIENT], ['shard-1.json', ['--shard', '1/2']], ['shard-2.json', ['--shard', '2/2']]] as const) {
    await runMain(['check', ...DEMO, '--format', 'json', '-o', file(name), ...extra]);
  }
});

describe('report', () => {
  it('writes the JSON report it reads, byte for byte, with the exit code of check', async () => {
    const run = await runMain(['report', file('strict.json'), '--format', 'json']);
    expect(run.stdout).toBe(readFileSync(file('strict.json'), 'utf8'));
    expect(run.code).toBe(1);
  });

  it('renders what check renders, without reading the tree', async () => {
    const [checked, reported] = [await runMain(['check', ...DEMO, '--format', 'verdicts']), await runMain(['report', file('strict.json'), '--format', 'verdicts'])];
    expect(reported.stdout).toBe(checked.stdout);
    expect((await runMain(['report', file('strict.json')])).stdout).toMatch(/Results \(round v6\.0, profile recommended\): 1 accepted, 1 rejected/);
  });

  it('gates on a stored audit: 0 with warnings only, 1 beyond --max-warnings', async () => {
    expect((await runMain(['report', file('lenient.json')])).code).toBe(0);
    expect((await runMain(['report', file('lenient.json'), '--max-warnings', '0'])).code).toBe(1);
  });

  it('writes to --output', async () => {
    const run = await runMain(['report', file('strict.json'), '--format', 'csv', '-o', file('summary.csv')]);
    expect(run.stdout).toBe('');
    expect(readFileSync(file('summary.csv'), 'utf8')).toMatch(/^Organization,/);
  });
});

describe('diff', () => {
  it('exits 0 when b fixes findings and accepts a result a rejected', async () => {
    const run = await runMain(['diff', file('strict.json'), file('lenient.json')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ {2}accepted {2}closed\/RedHat\/results\/1xEPYC-9655_whisper\/whisper\/Offline {2}.*was rejected by sys\/meaningful-fields/m);
    expect(run.stdout).toContain('Fixed findings');
    expect(run.stdout).toMatch(/✔ No regression/);
  });

  it('exits 1 when b rejects a result a accepted or has new errors', async () => {
    const run = await runMain(['diff', file('lenient.json'), file('strict.json'), '--format', 'json']);
    expect(run.code).toBe(1);
    const diff = JSON.parse(run.stdout) as { schemaVersion: number; results: { newlyRejected: { rejectedBy: string[] }[] }; summary: { regression: boolean; newFindings: { errors: number } } };
    expect(diff.schemaVersion).toBe(1);
    expect(diff.results.newlyRejected.map((change) => change.rejectedBy)).toEqual([['sys/meaningful-fields']]);
    expect(diff.summary.newFindings.errors).toBeGreaterThan(0);
  });

  it('writes Markdown for a pull request comment', async () => {
    const run = await runMain(['diff', file('lenient.json'), file('strict.json'), '--format', 'markdown']);
    expect(run.stdout).toMatch(/^## mlperf-audit diff\n/);
    expect(run.stdout).toContain('| rejected | closed/RedHat/results/1xEPYC-9655\\_whisper/whisper/Offline |');
  });
});

describe('check --shard and merge', () => {
  it('records the shard in the JSON report', () => {
    const shards = ['shard-1.json', 'shard-2.json'].map((name) => (JSON.parse(readFileSync(file(name), 'utf8')) as { shard: { index: number; count: number; submitters: string[] } }).shard);
    expect(shards.map(({ index, count }) => `${index}/${count}`)).toEqual(['1/2', '2/2']);
    expect(shards.flatMap((shard) => shard.submitters)).toEqual(['closed/RedHat']);
  });

  it('says so when report renders one shard', async () => {
    const run = await runMain(['report', file('shard-1.json'), '--format', 'verdicts']);
    expect(run.stderr).toMatch(/^mlperf-audit: note: .*shard-1\.json is shard 1\/2 of an audit; merge the shards for the whole tree\.\n$/);
  });

  it('merges the shards into the audit of the whole tree', async () => {
    const run = await runMain(['merge', file('shard-1.json'), file('shard-2.json')]);
    expect(run.code).toBe(1);
    expect(withoutDuration(run.stdout)).toBe(withoutDuration(readFileSync(file('strict.json'), 'utf8')));
  });

  it('renders the merge in another format', async () => {
    const run = await runMain(['merge', file('shard-2.json'), file('shard-1.json'), '--format', 'verdicts']);
    expect(run.stdout).toBe((await runMain(['report', file('strict.json'), '--format', 'verdicts'])).stdout);
  });
});

describe('usage errors: one line on stderr, exit code 2, no stack trace', () => {
  beforeAll(() => {
    writeFileSync(file('not-json.json'), 'Results closed/Org 12.5\n');
    writeFileSync(file('other.json'), '{"schemaVersion": 1, "results": []}\n');
  });
  const cases: [string, () => string[], RegExp][] = [
    ['report of a missing file', () => ['report', file('none.json')], /^mlperf-audit: error: .*none\.json does not exist\n$/],
    ['report of a file that is not JSON', () => ['report', file('not-json.json')], /^mlperf-audit: error: .*not-json\.json is not JSON \(.*\); pass the output of "check --format json"\n$/],
    ['report of JSON that is not a report', () => ['report', file('other.json')], /^mlperf-audit: error: .*other\.json is not the JSON report of "check --format json": \/ must have required property 'tool'/],
    ['diff with a bad file', () => ['diff', file('strict.json'), file('not-json.json')], /not-json\.json is not JSON/],
    ['merge with a missing shard', () => ['merge', file('shard-1.json')], /^mlperf-audit: error: shard 2\/2 is missing: merge needs all 2 shards of the audit\n$/],
    ['merge of an audit made without --shard', () => ['merge', file('shard-1.json'), file('strict.json')], /strict\.json is not a shard: it was audited without --shard/],
    ['check --shard 0/3', () => ['check', ...DEMO, '--shard', '0/3'], /expected K\/N with 1 ≤ K ≤ N, e\.g\. 2\/3/],
    ['check --shard 4/3', () => ['check', ...DEMO, '--shard', '4/3'], /expected K\/N with 1 ≤ K ≤ N/],
    ['check --shard half', () => ['check', ...DEMO, '--shard', 'half'], /expected K\/N with 1 ≤ K ≤ N/],
    ['check --shard with --submitter', () => ['check', ...DEMO, '--shard', '1/2', '--submitter', 'RedHat'], /--shard and --submitter cannot be combined/],
  ];
  it.each(cases)('%s', async (_name, args, message) => {
    const run = await runMain(args());
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout + run.stderr).not.toMatch(STACK_TRACE);
  });
});
