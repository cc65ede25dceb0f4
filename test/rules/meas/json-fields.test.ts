import rule from '../../../src/rules/meas/json-fields.ts';
import { testRule } from '../../support/rule-tester.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { withJsonFields } from '../../support/tree-edits.ts';

const v51 = realResult('v5.1', 'closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b/Offline');
const v51Json = 'closed/RedHat/measurements/XE8640_4xH100_vLLM/llama3.1-8b/Offline/XE8640_4xH100_vLLM.json';
const v60 = realResult('v6.0', 'closed/RedHat/results/8xH200-LLM-D-Openshift/gpt-oss-120b/Offline');
const v60Json = `${v60.path}/measurements.json`;

const withoutField = (tree: typeof v60.tree, path: string, field: string) => {
  const { [field]: _removed, ...rest } = JSON.parse(String(tree[path])) as Record<string, unknown>;
  return withChanges(tree, { [path]: JSON.stringify(rest, null, 2) });
};

testRule(rule, {
  valid: [
    { name: 'a real v5.1 result', round: 'v5.1', tree: v51.tree },
    { name: 'a real v6.0 result', round: 'v6.0', tree: v60.tree },
    { name: 'a missing JSON is meas/json-exists’s finding', round: 'v6.0', tree: withChanges(v60.tree, { [v60Json]: undefined }) },
    { name: 'the string "0" is a value', round: 'v6.0', tree: withJsonFields(v60.tree, v60Json, { retraining: '0' }) },
  ],
  invalid: [
    {
      name: 'v5.1 without weight_data_types (the monolith raises KeyError on it)',
      round: 'v5.1',
      profile: 'official',
      tree: withoutField(v51.tree, v51Json, 'weight_data_types'),
      errors: [{ messageId: 'missing', file: v51Json, line: 1, unit: v51.path, message: '"weight_data_types"' }],
    },
    {
      name: 'v6.0 with empty values: "", 0 and []',
      round: 'v6.0',
      tree: withJsonFields(v60.tree, v60Json, { retraining: '', weight_transformations: 0, input_data_types: [] }),
      errors: [
        { messageId: 'empty', file: v60Json, line: 2, message: '"input_data_types" is []' },
        { messageId: 'empty', file: v60Json, line: 3, message: '"retraining" is ""' },
        { messageId: 'empty', file: v60Json, line: 6, message: '"weight_transformations" is 0' },
      ],
    },
    {
      name: 'v6.0 with a trailing comma',
      round: 'v6.0',
      tree: withChanges(v60.tree, { [v60Json]: '{\n  "retraining": "No",\n}\n' }),
      errors: [{ messageId: 'unreadable', file: v60Json, line: 3 }],
    },
  ],
});
