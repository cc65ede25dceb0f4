import rule from '../../../src/rules/comp/audit-settings.ts';
import { realResult } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';
import { lineOf, withEditedFile, withLogValue } from '../perf/mllog-edits.ts';

const RUN_LOG = 'performance/run_1/mlperf_log_detail.txt';

// v4.1: a closed Server result with TEST01, TEST04 and TEST05, each run with its audit.config.
const resnet = realResult('v4.1', 'closed/Intel/results/1-node-2S-EMR-PyTorch/resnet50/Server');
const compliance = 'closed/Intel/compliance/1-node-2S-EMR-PyTorch/resnet50/Server';
const test01Log = `${compliance}/TEST01/${RUN_LOG}`;
const test04Log = `${compliance}/TEST04/${RUN_LOG}`;
const performanceLog = `${resnet.path}/${RUN_LOG}`;
const withEvent = (path: string, key: string, value: string | undefined) => withEditedFile(resnet.tree, path, (log) => withLogValue(log, key, value));
/** LoadGen's warning line when it applies an audit.config, as TEST01 logged it. */
const auditWarning = String(resnet.tree[test01Log]).split('\n').find((line) => line.includes('Found Audit Config file')) ?? '';

// v6.0: TEST07 and TEST09 runs of gpt-oss-120b; and a published TEST04 run without its audit.config.
const gptOss = realResult('v6.0', 'closed/RedHat/results/8xH200-LLM-D-Openshift/gpt-oss-120b/Server');
const wan = realResult('v6.0', 'closed/Krai/results/h200_n1-kissv/wan-2.2-t2v-a14b/singlestream');

testRule(rule, {
  valid: [
    { name: 'TEST01, TEST04 and TEST05 with their audit.config', round: 'v4.1', tree: resnet.tree },
    { name: 'TEST07 and TEST09 with their audit.config', round: 'v6.0', tree: gptOss.tree },
    { name: 'no official checker looks (official profile)', round: 'v6.0', profile: 'official', tree: wan.tree },
  ],
  invalid: [
    {
      name: 'a published TEST04 run that never read its audit.config',
      round: 'v6.0',
      tree: wan.tree,
      errors: [{ messageId: 'notAudited', file: `${wan.path}/TEST04/${RUN_LOG}`, unit: wan.path, message: 'The log of the TEST04 run has no "Found Audit Config file" warning' }],
    },
    {
      name: 'TEST04 not repeating sample 3',
      round: 'v4.1',
      tree: withEvent(test04Log, 'effective_performance_issue_same_index', '0'),
      errors: [{ messageId: 'wrongSetting', file: test04Log, line: lineOf(String(resnet.tree[test04Log]), 'effective_performance_issue_same_index'), message: 'The TEST04 run ran with effective_performance_issue_same_index = 0, but the TEST04 audit.config sets 3' }],
    },
    {
      name: 'TEST01 sampling with another seed',
      round: 'v4.1',
      tree: withEvent(test01Log, 'effective_accuracy_log_rng_seed', '12345678901234567890'),
      errors: [{ messageId: 'wrongSetting', file: test01Log, message: 'effective_accuracy_log_rng_seed = 12345678901234567890, but the TEST01 audit.config sets 720381539243781796' }],
    },
    {
      name: 'the result\'s own performance run read an audit.config',
      round: 'v4.1',
      tree: withEditedFile(resnet.tree, performanceLog, (log) => log.replace('\n', `\n${auditWarning}\n`)),
      errors: [{ messageId: 'auditInResultRun', file: performanceLog, line: 2, message: 'The performance run read an audit.config (LoadGen logged "Found Audit Config file (audit.config).' }],
    },
    {
      name: 'a setting missing from the log cannot be verified',
      round: 'v4.1',
      tree: withEvent(test01Log, 'effective_accuracy_log_sampling_target', undefined),
      errors: [{ messageId: 'missingSetting', file: test01Log, severity: 'info', message: 'no effective_accuracy_log_sampling_target event' }],
    },
  ],
});
