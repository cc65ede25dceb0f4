import { createHash } from 'node:crypto';
import rule from '../../../src/rules/acc/hash-matches.ts';
import { coverageLog, range } from '../../support/accuracy-logs.ts';
import { testRule } from '../../support/rule-tester.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

const intel = realResult('v4.1', 'closed/Intel/results/1-node-2S-EMR-PyTorch/resnet50/Offline');
const accuracy = `${intel.path}/accuracy`;
const test01 = 'closed/Intel/compliance/1-node-2S-EMR-PyTorch/resnet50/Offline/TEST01/accuracy';
// A log small enough that truncate_accuracy_log.py leaves it whole (under 4096 characters).
const smallLog = coverageLog(range(20));
// v4.1: an accuracy folder holding a performance run's empty log, which the recorded hash is the hash of.
const amdServer = realResult('v4.1', 'closed/AMD/results/1xMI300X_2xEPYC-9374F/llama2-70b-99/Server');
// v6.0: TEST09's log is truncated like the accuracy run's.
const gptOss = realResult('v6.0', 'closed/RedHat/results/8xB200-LLM-D-Openshift/gpt-oss-120b/Offline');

testRule(rule, {
  valid: [
    { name: 'truncated logs (the published form) are not compared', round: 'v4.1', tree: intel.tree },
    { name: 'truncated accuracy, TEST07 and TEST09 logs (modular layout)', round: 'v6.0', tree: gptOss.tree },
    { name: 'a complete log whose hash accuracy.txt records', round: 'v4.1', tree: amdServer.tree },
    {
      name: 'a small complete log hashed as truncate_accuracy_log.py hashes it',
      round: 'v4.1',
      tree: withChanges(intel.tree, { [`${accuracy}/mlperf_log_accuracy.json`]: smallLog, [`${accuracy}/accuracy.txt`]: `accuracy=76.000%, good=38, total=50\nhash=${sha256(smallLog)}\n` }),
    },
  ],
  invalid: [
    {
      name: 'accuracy.txt written for another log',
      round: 'v4.1',
      tree: withChanges(intel.tree, { [`${accuracy}/mlperf_log_accuracy.json`]: smallLog }),
      errors: [{ messageId: 'mismatch', file: `${accuracy}/accuracy.txt`, line: 2, unit: intel.path, message: `records hash fa4f231ad48f40997e3eee757a57032c923609c29a2cee427415d156a4faf94b, but the complete mlperf_log_accuracy.json beside it has SHA-256 ${sha256(smallLog)}` }],
    },
    {
      name: 'the TEST01 accuracy folder of the compliance tree (monolith layout)',
      round: 'v4.1',
      tree: withChanges(intel.tree, { [`${test01}/mlperf_log_accuracy.json`]: smallLog }),
      errors: [{ messageId: 'mismatch', file: `${test01}/accuracy.txt`, unit: intel.path }],
    },
  ],
});
