import rule from '../../../src/rules/div/declared-transformations.ts';
import { testRule } from '../../support/rule-tester.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';

// Intel v4.1 declares weight_transformations "Yes" and retraining "No".
const intel = realResult('v4.1', 'closed/Intel/results/1-node-2S-EMR-PyTorch/resnet50/Offline');
const intelJson = 'closed/Intel/measurements/1-node-2S-EMR-PyTorch/resnet50/Offline/1-node-2S-EMR-PyTorch.json';
// NeuralMagic's open bert-base: "unstructured pruning", allowed in open.
const neuralMagic = realResult('v4.1', 'open/NeuralMagic/results/ASUS_Vivobook-reference-cpu-deepsparse_v1.8.0-default_config/bert-base-pruned90-none-bert-99/offline');

function declaring(changes: Record<string, string>) {
  const json = JSON.parse(String(intel.tree[intelJson])) as Record<string, unknown>;
  return withChanges(intel.tree, { [intelJson]: JSON.stringify({ ...json, ...changes }, null, 2) });
}

testRule(rule, {
  valid: [
    { name: 'a real closed result that only quantizes', round: 'v4.1', tree: intel.tree },
    { name: 'a free-text no', round: 'v4.1', tree: declaring({ retraining: 'We don’t retrain the model weight.' }) },
  ],
  invalid: [
    {
      name: 'pruning declared in closed',
      round: 'v4.1',
      tree: declaring({ weight_transformations: 'quantization, unstructured pruning' }),
      errors: [{ messageId: 'closedRetraining', file: intelJson, unit: intel.path, severity: 'error', message: 'declares weight_transformations "quantization, unstructured pruning": the closed division' }],
    },
    { name: 'retraining declared in closed', round: 'v4.1', tree: declaring({ retraining: 'yes' }), errors: [{ messageId: 'closedRetraining', message: 'declares retraining "yes"' }] },
    { name: 'a real open result with pruned weights: noted', round: 'v4.1', tree: neuralMagic.tree, errors: [{ messageId: 'openTransformation', severity: 'info', message: '"unstructured pruning", which the open division allows' }] },
  ],
});
