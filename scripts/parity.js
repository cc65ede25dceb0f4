// `npm run parity`: how close the official profile comes to the official checker's outputs on the real submissions
// in ../shared: for each round, the verdict lines and summary.csv rows that match, and those that differ.
// Usage: node scripts/parity.js [--round v4.1 ...]. Exit code 1 when anything differs.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { auditSubmission } from '../lib/index.js';
import { summaryCsvHeader, summaryCsvRows } from '../lib/report/csv.js';
import { verdictLines } from '../lib/report/verdicts.js';
import { DiskFs } from '../lib/tree/disk-fs.js';

const SHOWN_PER_ROUND = 20;
const args = process.argv.slice(2);
const chosen = args.flatMap((arg, index) => (args[index - 1] === '--round' ? [arg] : []));
const rounds = chosen.length > 0 ? chosen : ['v4.1', 'v5.1', 'v6.0'];
const shared = fileURLToPath(new URL('../../shared/', import.meta.url));

const expectedLines = (round, file) => readFileSync(`${shared}expected/inference/${round}/${file}`, 'utf8').split('\n').filter((line) => line !== '');

/** Lines of `ours` and `official` compared as multisets: the counts of each, the matches, and the lines only one side has. */
function compare(ours, official) {
  const remaining = new Map();
  for (const line of official) remaining.set(line, (remaining.get(line) ?? 0) + 1);
  const extra = [];
  for (const line of ours) {
    const count = remaining.get(line) ?? 0;
    if (count > 0) remaining.set(line, count - 1);
    else extra.push(line);
  }
  const missing = [...remaining].flatMap(([line, count]) => Array(count).fill(line));
  return { matched: official.length - missing.length, expected: official.length, ours: ours.length, missing, extra };
}

let differs = false;
for (const round of rounds) {
  const result = await auditSubmission({ fs: new DiskFs(`${shared}data/inference/${round}`), round, profile: 'official' });
  const csv = expectedLines(round, 'summary.csv');
  const comparisons = [
    ['verdict lines', compare(verdictLines(result), expectedLines(round, 'verdicts.txt'))],
    ['summary.csv header', compare([summaryCsvHeader(result)], csv.slice(0, 1))],
    ['summary.csv rows', compare(summaryCsvRows(result), csv.slice(1))],
  ];
  console.log(`${round}`);
  const differences = [];
  for (const [what, { matched, expected, ours, missing, extra }] of comparisons) {
    console.log(`  ${what}: ${matched}/${expected} matched${ours === expected ? '' : ` (we give ${ours})`}`);
    differences.push(...missing.map((line) => `  - ${line}`), ...extra.map((line) => `  + ${line}`));
  }
  if (differences.length === 0) continue;
  differs = true;
  console.log(`  differences (- official only, + ours only)${differences.length > SHOWN_PER_ROUND ? `, first ${SHOWN_PER_ROUND} of ${differences.length}` : ''}:`);
  for (const line of differences.slice(0, SHOWN_PER_ROUND)) console.log(line);
}
process.exitCode = differs ? 1 : 0;
