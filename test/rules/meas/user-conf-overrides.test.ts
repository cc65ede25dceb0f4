import rule from '../../../src/rules/meas/user-conf-overrides.ts';
import type { MemoryNode } from '../../../src/tree/memory-fs.ts';
import { realResult } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';
import { moved } from '../../support/tree-edits.ts';
import { withEditedFile } from '../perf/mllog-edits.ts';

type Tree = Record<string, MemoryNode>;

// v4.1 closed resnet50: user.conf in the measurements folder (4 lines).
const server = realResult('v4.1', 'closed/Intel/results/1-node-2S-EMR-PyTorch/resnet50/Server');
const serverConf = 'closed/Intel/measurements/1-node-2S-EMR-PyTorch/resnet50/Server/user.conf';
const offline = realResult('v4.1', 'closed/Intel/results/1-node-2S-EMR-PyTorch/resnet50/Offline');
const offlineConf = 'closed/Intel/measurements/1-node-2S-EMR-PyTorch/resnet50/Offline/user.conf';
const multiStream = realResult('v4.1', 'closed/UntetherAI/results/h13_u1_preview/resnet50/multistream');
const multiStreamConf = 'closed/UntetherAI/measurements/h13_u1_preview/resnet50/multistream/user.conf';
// v6.0 Interactive: user.conf in the result folder, with lines for llama2-70b (Server) and llama2-70b-interactive.
const interactive = realResult('v6.0', 'closed/MiTAC/results/8xMI350X_2xEPYC-9755/llama2-70b-99.9/Interactive');
const interactiveConf = `${interactive.path}/user.conf`;

/** A tree whose user.conf has lines appended (the file's own lines keep their numbers). */
const appended = (tree: Tree, conf: string, ...lines: string[]): Tree => withEditedFile(tree, conf, (text) => `${text.replace(/\n*$/, '\n')}${lines.join('\n')}\n`);
const serverLine = (line: string): Tree => appended(server.tree, serverConf, line);

testRule(rule, {
  valid: [
    { name: 'real user.conf files', round: 'v4.1', tree: { ...server.tree, ...multiStream.tree } },
    { name: 'a real Interactive user.conf', round: 'v6.0', tree: interactive.tree },
    { name: 'a Server target latency at the constraint', round: 'v4.1', tree: serverLine('resnet50.Server.target_latency = 15') },
    { name: 'a line for another model of a shared user.conf', round: 'v4.1', tree: serverLine('retinanet.Server.target_latency_percentile = 95') },
    { name: 'a line for another scenario', round: 'v4.1', tree: appended(offline.tree, offlineConf, '*.Server.target_latency_percentile = 95') },
    { name: 'a Server line in an Interactive result', round: 'v6.0', tree: appended(interactive.tree, interactiveConf, 'llama2-70b.Server.target_latency_percentile = 90') },
  ],
  invalid: [
    {
      name: 'a changed Server latency percentile',
      round: 'v4.1',
      tree: serverLine('*.Server.target_latency_percentile = 95'),
      errors: [{ messageId: 'openOnly', file: serverConf, line: 5, severity: 'error', message: '"*.Server.target_latency_percentile" sets the Server latency percentile to 95 (mlperf.conf: 99), which LoadGen allows for open results only' }],
    },
    {
      name: 'a Server target latency above the constraint, and token latencies for a model without them',
      round: 'v4.1',
      tree: serverLine('resnet50.Server.target_latency = 20\n*.*.use_token_latencies = 1'),
      errors: [
        { messageId: 'openOnly', line: 5, message: 'the Server target latency to 20 ms, above the 15 ms constraint' },
        { messageId: 'openOnly', line: 6, message: 'use_token_latencies to 1 (mlperf.conf: 0 for this model)' },
      ],
    },
    {
      name: 'MultiStream samples per query',
      round: 'v4.1',
      tree: appended(multiStream.tree, multiStreamConf, 'resnet50.MultiStream.samples_per_query = 16'),
      errors: [{ messageId: 'openOnly', file: multiStreamConf, line: 4, message: 'the MultiStream samples per query to 16 (mlperf.conf: 8)' }],
    },
    {
      name: 'an Interactive line',
      round: 'v6.0',
      tree: appended(interactive.tree, interactiveConf, 'llama2-70b-interactive.Server.target_latency_percentile = 90'),
      errors: [{ messageId: 'openOnly', file: interactiveConf, line: 9, message: 'the Server latency percentile to 90 (mlperf.conf: 99)' }],
    },
    {
      name: 'the open division allows it',
      round: 'v4.1',
      tree: moved(serverLine('*.Server.target_latency_percentile = 95'), 'closed/Intel', 'open/Intel'),
      errors: [{ messageId: 'openOnlyInOpen', file: serverConf.replace(/^closed/, 'open'), line: 5, severity: 'info' }],
    },
  ],
});
