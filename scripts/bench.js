// `npm run bench`: how long a whole-round audit takes, as medians of repeated runs, per round of ../shared/data.
// Usage: node scripts/bench.js [--runs N] [--round v4.1 ...]
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { auditSubmission } from '../lib/index.js';
import { DiskFs } from '../lib/tree/disk-fs.js';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] ?? 0) || 5;
const chosen = args.flatMap((arg, index) => (args[index - 1] === '--round' ? [arg] : []));
const rounds = chosen.length > 0 ? chosen : ['v4.1', 'v5.1', 'v6.0'];
const shared = fileURLToPath(new URL('../../shared/data/inference/', import.meta.url));

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

console.log(`audit of each round of ../shared/data/inference, recommended profile, ${runs} runs, median wall time`);
console.log('round   entries  results  median ms  entries/s   MB/s');
for (const round of rounds) {
  const root = `${shared}${round}`;
  try {
    statSync(root);
  } catch {
    console.log(`${round}   (not found at ${root})`);
    continue;
  }
  const times = [];
  let result;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    result = await auditSubmission({ fs: new DiskFs(root), round, profile: 'recommended' });
    times.push(performance.now() - started);
  }
  const bytes = await totalBytes(root);
  const ms = median(times);
  console.log(
    `${round.padEnd(7)} ${String(result.stats.entries).padStart(7)}  ${String(result.results.length).padStart(7)}  ${ms.toFixed(0).padStart(9)}  ${Math.round((result.stats.entries * 1000) / ms).toString().padStart(9)}  ${(bytes / 1e6 / (ms / 1000)).toFixed(0).padStart(5)}`,
  );
}

async function totalBytes(root) {
  const entries = await new DiskFs(root).walk();
  return entries.reduce((sum, entry) => sum + (entry.kind === 'file' ? entry.size : 0), 0);
}
