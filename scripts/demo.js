// `npm run demo`: audits the bundled example submission, which has problems on purpose, and explains the outcome.
import { main } from '../lib/cli/main.js';

const io = { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
process.stdout.write('$ mlperf-audit check fixtures/demo-submission\n\n');
const code = await main(['check', 'fixtures/demo-submission'], io);
process.stdout.write(
  `\nExit code ${code}. The demo submission (fixtures/README.md) has problems on purpose, so 1 is the expected exit code:\n` +
    '0 means compliant, 1 means error-level findings, 2 means a usage or tool failure.\n' +
    'Next: `node bin/mlperf-audit.js explain sys/meaningful-fields`, or `--format json` for the machine-readable report.\n',
);
process.exitCode = code === 1 ? 0 : 1;
