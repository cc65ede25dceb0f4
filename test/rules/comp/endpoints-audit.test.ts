import rule from '../../../src/rules/comp/endpoints-audit.ts';
import { auditJson, gptOssEndpoints, wanEndpoints } from '../../support/endpoints.ts';
import { withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';
import { moved } from '../../support/tree-edits.ts';

// wan-2.2-t2v-a14b must carry the TEST04 audit; gpt-oss-120b may carry a TEST07 audit, which must then pass.
const wan = moved(wanEndpoints().tree, 'open/Krai', 'closed/Krai');
const wanOffline = 'closed/Krai/results/h200_n1-kissv/wan-2.2-t2v-a14b/Offline';
const wanAudit = `${wanOffline}/audit/audit_output_caching_test.json`;
const openWan = wanEndpoints();
const gptOss = gptOssEndpoints();
const gptOssAudit = `${gptOss.offline}/audit/audit_accuracy_in_performance_full_test.json`;

testRule(rule, {
  valid: [
    { name: 'passing TEST04 audits', round: 'v6.1', profile: 'official', tree: wan },
    { name: 'a passing TEST07 audit', round: 'v6.1', profile: 'official', tree: gptOss.tree },
    { name: 'the TEST07 audit is optional', round: 'v6.1', profile: 'official', tree: withChanges(gptOss.tree, { [gptOssAudit]: undefined }) },
    // Compliance is for the closed and network divisions.
    { name: 'open results need no audit (recommended profile)', round: 'v6.1', tree: withChanges(openWan.tree, { [`${openWan.offline}/audit/audit_output_caching_test.json`]: undefined }) },
  ],
  invalid: [
    {
      name: 'the TEST04 audit missing',
      round: 'v6.1',
      profile: 'official',
      tree: withChanges(wan, { [wanAudit]: undefined }),
      errors: [{ messageId: 'missing', file: `${wanOffline}/audit`, unit: wanOffline, message: 'must carry the TEST04 audit (output_caching_test)' }],
    },
    {
      // The official endpoints check has no division test.
      name: 'official: an open result without its TEST04 audit',
      round: 'v6.1',
      profile: 'official',
      tree: withChanges(openWan.tree, { [`${openWan.offline}/audit/audit_output_caching_test.json`]: undefined }),
      errors: [{ messageId: 'missing', file: `${openWan.offline}/audit` }],
    },
    {
      name: 'a TEST04 audit that failed',
      round: 'v6.1',
      profile: 'official',
      tree: withChanges(wan, { [wanAudit]: auditJson('output_caching_test', false) }),
      errors: [{ messageId: 'failed', file: wanAudit, message: '("passed": false)' }],
    },
    {
      name: 'a failed optional audit',
      round: 'v6.1',
      tree: withChanges(gptOss.tree, { [gptOssAudit]: auditJson('accuracy_in_performance_full_test', false) }),
      errors: [{ messageId: 'failed', file: gptOssAudit, message: 'TEST07 audit (accuracy_in_performance_full_test)' }],
    },
    {
      name: 'the audit of another test',
      round: 'v6.1',
      profile: 'official',
      tree: withChanges(wan, { [wanAudit]: auditJson('accuracy_in_performance_test', true) }),
      errors: [{ messageId: 'wrongTest', file: wanAudit, message: 'the audit of "accuracy_in_performance_test", not of output_caching_test' }],
    },
    {
      name: 'an audit that is not JSON, and one without "passed"',
      round: 'v6.1',
      profile: 'official',
      tree: withChanges(wan, { [wanAudit]: 'passed', [`${wanOffline.replace('Offline', 'SingleStream')}/audit/audit_output_caching_test.json`]: '{"test": "output_caching_test"}' }),
      errors: [
        { messageId: 'unreadable', file: wanAudit, message: 'is not valid JSON' },
        { messageId: 'unreadable', message: 'has no "passed" field' },
      ],
    },
  ],
});
