import rule from '../../../src/rules/acc/hash.ts';
import { qwenEndpoints } from '../../support/endpoints.ts';
import { realResult, withChanges, without } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

const llama = realResult('v5.1', 'closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b/Offline');
const txt = `${llama.path}/accuracy/accuracy.txt`;
const unhashed = (tree: typeof llama.tree, path: string) => withChanges(tree, { [path]: String(tree[path]).replace(/^hash=.*$/m, '') });
const openLlama = realResult('v6.0', 'open/AMD/results/8xMI355X_2xEPYC_9575F/llama3.1-405b/Offline');
const openTxt = `${openLlama.path}/accuracy/accuracy.txt`;

const endpoints = qwenEndpoints();

testRule(rule, {
  valid: [
    { name: 'a v6.1 endpoints result: its accuracy.txt is not read', round: 'v6.1', profile: 'official', tree: withChanges(endpoints.tree, { [`${endpoints.offline}/accuracy/accuracy.txt`]: '{"f1": 0.7890600786539296}\n' }) },
    { name: 'a real result', round: 'v5.1', profile: 'official', tree: llama.tree },
    { name: 'official: an open result without the hash is let through (modular)', round: 'v6.0', profile: 'official', tree: unhashed(openLlama.tree, openTxt) },
    { name: 'a missing accuracy.txt is left to struct/accuracy-txt', round: 'v5.1', tree: without(llama.tree, txt) },
  ],
  invalid: [
    { name: 'the hash line removed', round: 'v5.1', profile: 'official', tree: unhashed(llama.tree, txt), errors: [{ messageId: 'missingHash', file: txt, unit: llama.path }] },
    { name: 'a hash line with a trailing comment is no hash line', round: 'v5.1', tree: withChanges(llama.tree, { [txt]: String(llama.tree[txt]).replace(/^(hash=.*)$/m, '$1 # ok') }), errors: [{ messageId: 'missingHash' }] },
    { name: 'recommended: open results need the hash too', round: 'v6.0', tree: unhashed(openLlama.tree, openTxt), errors: [{ messageId: 'missingHash', file: openTxt }] },
  ],
});
