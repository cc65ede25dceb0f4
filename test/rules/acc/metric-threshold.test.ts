import rule from '../../../src/rules/acc/metric-threshold.ts';
import { qwenEndpoints } from '../../support/endpoints.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

const resnet = realResult('v4.1', 'closed/Intel/results/1-node-2S-EMR-PyTorch/resnet50/Offline');
const resnetTxt = `${resnet.path}/accuracy/accuracy.txt`;
const HASH = 'hash=fa4f231ad48f40997e3eee757a57032c923609c29a2cee427415d156a4faf94b\n';
const llama = realResult('v5.1', 'closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b/Offline');
const llamaTxt = `${llama.path}/accuracy/accuracy.txt`;
const lenovo = realResult('v5.1', 'open/Lenovo/results/se100_ultra7_255h/resnet50/Offline');
const lenovoTxt = `${lenovo.path}/accuracy/accuracy.txt`;
const openLlama = realResult('v6.0', 'open/AMD/results/8xMI355X_2xEPYC_9575F/llama3.1-405b/Offline');
const openLlamaTxt = `${openLlama.path}/accuracy/accuracy.txt`;
const mapped = realResult('v6.0', 'open/Krai/results/h200_n1-vllm/llama3_1-70b-fp8_dyn/offline');
const openV41 = realResult('v4.1', 'open/HPE/results/HPE_Cray_XD670_H100_SXM_80GBx8_TRT/gptj-99.9/Offline');

const onlyHash = 'hash=0123abcd\n';

const endpoints = qwenEndpoints();

testRule(rule, {
  valid: [
    { name: 'a v6.1 endpoints result: its score is in accuracy_results.json, not accuracy.txt', round: 'v6.1', profile: 'official', tree: withChanges(endpoints.tree, { [`${endpoints.offline}/accuracy/accuracy.txt`]: 'hash=8bb439b97fff3e4cda22f8eaa21beb64e888154dee8c4b98f9df53a33a9dfdc2\n' }) },
    { name: 'a real closed result (monolith)', round: 'v4.1', profile: 'official', tree: resnet.tree },
    { name: 'a real closed result with per-line LLM metrics', round: 'v5.1', tree: llama.tree },
    { name: 'an open result below the targets: acc/open-bounds notes it', round: 'v5.1', tree: lenovo.tree },
    { name: 'a value at exactly the target', round: 'v4.1', tree: withChanges(resnet.tree, { [resnetTxt]: `accuracy=75.69539999999999%\n${HASH}` }) },
    {
      name: 'official: a below-target line after the hash line is never read',
      round: 'v4.1',
      profile: 'official',
      tree: withChanges(resnet.tree, { [resnetTxt]: `accuracy=75.730%\n${HASH}accuracy=12.000%\n` }),
    },
    { name: 'official v4.1: the monolith lets an open result without metrics through', round: 'v4.1', profile: 'official', tree: withChanges(openV41.tree, { [`${openV41.path}/accuracy/accuracy.txt`]: onlyHash }) },
    { name: 'official v6.0: the modular checker lets an open result without metrics through', round: 'v6.0', profile: 'official', tree: withChanges(openLlama.tree, { [openLlamaTxt]: onlyHash }) },
    { name: 'official v5.1: an open result with some metric is let through', round: 'v5.1', profile: 'official', tree: withChanges(lenovo.tree, { [lenovoTxt]: 'accuracy=12.000%\n' }) },
    { name: 'an open folder mapped by model_mapping.json', round: 'v6.0', profile: 'official', tree: mapped.tree },
  ],
  invalid: [
    {
      name: 'a closed result below its target',
      round: 'v4.1',
      profile: 'official',
      tree: withChanges(resnet.tree, { [resnetTxt]: `accuracy=70.000%, good=35000, total=50000\n${HASH}` }),
      errors: [{ messageId: 'belowTarget', file: resnetTxt, line: 1, unit: resnet.path, message: 'acc is 70.000, below the target of 75.695400 for resnet' }],
    },
    {
      name: 'recommended: a below-target line after the hash line counts',
      round: 'v4.1',
      tree: withChanges(resnet.tree, { [resnetTxt]: `accuracy=75.730%\n${HASH}accuracy=12.000%\n` }),
      errors: [{ messageId: 'belowTarget', line: 3 }],
    },
    {
      name: 'one metric of several missing',
      round: 'v5.1',
      profile: 'official',
      tree: withChanges(llama.tree, { [llamaTxt]: String(llama.tree[llamaTxt]).replace("'gen_len': 8163079, ", '') }),
      errors: [{ messageId: 'missingMetric', file: llamaTxt, message: 'no GEN_LEN' }],
    },
    {
      name: 'no metric at all (closed)',
      round: 'v5.1',
      tree: withChanges(llama.tree, { [llamaTxt]: onlyHash }),
      errors: [{ messageId: 'noMetric', message: 'ROUGE1, ROUGE2, ROUGEL, ROUGELSUM, GEN_LEN' }],
    },
    {
      name: 'official v5.1: the monolith rejects an open result without any metric',
      round: 'v5.1',
      profile: 'official',
      tree: withChanges(lenovo.tree, { [lenovoTxt]: onlyHash }),
      errors: [{ messageId: 'noMetric', file: lenovoTxt }],
    },
    {
      name: 'recommended: an open result must report every metric',
      round: 'v6.0',
      tree: withChanges(openLlama.tree, { [openLlamaTxt]: String(openLlama.tree[openLlamaTxt]).replace("'exact_match': 82.66624751819988, ", '') }),
      errors: [{ messageId: 'missingMetric', message: 'no exact_match' }],
    },
    {
      name: 'a value float() cannot read, in any division',
      round: 'v6.0',
      profile: 'official',
      tree: withChanges(openLlama.tree, { [openLlamaTxt]: "{'rougeL': 21.5.4, 'exact_match': 82.6}\nhash=ab\n" }),
      errors: [{ messageId: 'unreadableValue', line: 1, message: '"21.5.4"' }],
    },
    {
      name: 'official v6.0: an open folder the modular checker cannot map',
      round: 'v6.0',
      profile: 'official',
      tree: withChanges(mapped.tree, { 'open/Krai/model_mapping.json': undefined }),
      errors: [{ messageId: 'unknownModel', message: '"llama3_1-70b-fp8_dyn"' }],
    },
  ],
});
