import rule from '../../../src/rules/struct/model-mapping.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

const result = realResult('v6.0', 'open/Krai/results/h200_n1-vllm/llama3_1-70b-fp8_dyn/offline');
const mappingPath = 'open/Krai/model_mapping.json';
const withMapping = (text: string) => withChanges(result.tree, { [mappingPath]: text });
const closed = realResult('v6.0', 'closed/RedHat/results/8xH200_whisper/whisper/Offline');

testRule(rule, {
  valid: [
    { name: 'a real published mapping', round: 'v6.0', tree: result.tree },
    { name: 'the closed division ignores the file', round: 'v6.0', tree: withChanges(closed.tree, { 'closed/RedHat/model_mapping.json': '{' }) },
    { name: 'the official checker reads a null document as no mapping', round: 'v6.0', profile: 'official', tree: withMapping('null') },
    { name: 'the official checker skips an empty value', round: 'v4.1', profile: 'official', tree: withMapping('{"llama3_1-70b-fp8_dyn": ""}') },
  ],
  invalid: [
    {
      name: 'a trailing comma',
      round: 'v6.0',
      tree: withMapping('{\n  "llama3_1-70b-fp8_dyn": "llama2-70b-99.9",\n}\n'),
      errors: [{ messageId: 'invalidJson', file: mappingPath, line: 3, unit: 'open/Krai', message: 'is not valid JSON' }],
    },
    { name: 'a list instead of an object', round: 'v5.1', tree: withMapping('["llama2-70b-99.9"]'), errors: [{ messageId: 'notObject', file: mappingPath, message: 'holds an array' }] },
    {
      name: 'values that are not model names',
      round: 'v6.0',
      tree: withMapping('{"llama3_1-70b-fp8_dyn": ["llama2-70b-99.9"], "llama3_1-70b-fp8_pre": null}'),
      errors: [
        { messageId: 'notString', file: mappingPath, message: '"llama3_1-70b-fp8_dyn" to an array' },
        { messageId: 'notString', file: mappingPath, message: '"llama3_1-70b-fp8_pre" to null' },
      ],
    },
    {
      name: 'the official profile rejects a value the official checker would use and fail on',
      round: 'v6.0',
      profile: 'official',
      tree: withMapping('{"llama3_1-70b-fp8_dyn": 7, "llama3_1-70b-fp8_pre": null}'),
      errors: [{ messageId: 'notString', message: 'to a number' }],
    },
  ],
});
