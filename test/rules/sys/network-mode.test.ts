import rule from '../../../src/rules/sys/network-mode.ts';
import type { Tree } from '../../support/rule-tester.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

const closed = realResult('v4.1', 'closed/UntetherAI/results/h13_u1_slim/resnet50/offline');
const closedJson = 'closed/UntetherAI/systems/h13_u1_slim.json';
const open = realResult('v4.1', 'open/Krai/results/7920t-kilt-onnxruntime_cpu/resnet50/offline');
const openJson = 'open/Krai/systems/7920t-kilt-onnxruntime_cpu.json';
// The closed result refiled under network/, as a network-division submission would be laid out.
const network = Object.fromEntries(Object.entries(closed.tree).map(([file, content]) => [file.replace(/^closed\//, 'network/'), content]));
const networkJson = closedJson.replace(/^closed\//, 'network/');

/** Adds `"is_network": <value>` as the second line of the description. */
const withIsNetwork = (tree: Tree, systemJson: string, value: string) =>
  withChanges(tree, { [systemJson]: String(tree[systemJson]).replace(/^\{\n/, `{\n    "is_network": ${value},\n`) });

testRule(rule, {
  valid: [
    { name: 'a real closed system without the field', round: 'v4.1', tree: closed.tree },
    { name: 'a closed system that says "False"', round: 'v4.1', profile: 'official', tree: withIsNetwork(closed.tree, closedJson, '"False"') },
    { name: 'an open system over the network', round: 'v4.1', tree: withIsNetwork(open.tree, openJson, '"true"') },
    { name: 'a network system', round: 'v4.1', tree: withIsNetwork(network, networkJson, '"TRUE"') },
    { name: 'a JSON boolean taken for what it says in the recommended profile', round: 'v4.1', tree: withIsNetwork(closed.tree, closedJson, 'false') },
  ],
  invalid: [
    {
      name: 'a closed system over the network',
      round: 'v4.1',
      tree: withIsNetwork(closed.tree, closedJson, '"True"'),
      errors: [{ messageId: 'closedOverNetwork', file: closedJson, line: 2, message: 'is_network is "True"' }],
    },
    {
      name: 'a network system without the field',
      round: 'v4.1',
      tree: network,
      errors: [{ messageId: 'networkNotOverNetwork', file: networkJson, line: 1, unit: 'network/UntetherAI/results/h13_u1_slim', message: 'is_network is absent' }],
    },
    {
      name: 'a JSON boolean, which the official checkers fail on, even in the open division',
      round: 'v6.0',
      profile: 'official',
      tree: withIsNetwork(open.tree, openJson, 'true'),
      errors: [{ messageId: 'notString', file: openJson, line: 2, message: 'Write "true" or "false" in quotes' }],
    },
    {
      name: 'a JSON boolean in the recommended profile still has to fit the division',
      round: 'v4.1',
      tree: withIsNetwork(closed.tree, closedJson, 'true'),
      errors: [{ messageId: 'closedOverNetwork', file: closedJson, line: 2, message: 'is_network is true' }],
    },
    {
      name: 'a number is not accepted in any profile',
      round: 'v4.1',
      tree: withIsNetwork(network, networkJson, '1'),
      errors: [{ messageId: 'notString', file: networkJson, line: 2 }],
    },
  ],
});
