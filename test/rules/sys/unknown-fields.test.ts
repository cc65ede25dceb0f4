import rule from '../../../src/rules/sys/unknown-fields.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';
import { testRule } from '../../support/rule-tester.ts';

// The official v4.1 checker warns "field host_processor_url is unknown" for this system (expected/inference/v4.1).
const untether = realResult('v4.1', 'closed/UntetherAI/results/h13_u1_slim/resnet50/offline');
const untetherJson = 'closed/UntetherAI/systems/h13_u1_slim.json';
const untetherText = String(untether.tree[untetherJson]);
const untetherTextWithoutUrl = untetherText.replace(/\n\s*"host_processor_url": "[^"]*",/, '');
const withoutUrl = withChanges(untether.tree, { [untetherJson]: untetherTextWithoutUrl });

const redHat = realResult('v6.0', 'closed/RedHat/results/8xH200_whisper/whisper/Offline');
const redHatJson = 'closed/RedHat/systems/8xH200_whisper.json';
const redHatDescription = JSON.parse(String(redHat.tree[redHatJson])) as Record<string, unknown>;
const withNameplatePower = withChanges(redHat.tree, { [redHatJson]: JSON.stringify({ ...redHatDescription, system_power_capacity: '10200' }, null, 2) });

const withVcpuCount = withChanges(redHat.tree, { [redHatJson]: JSON.stringify({ ...redHatDescription, host_processor_vcpu_count: '160' }, null, 2) });

testRule(rule, {
  valid: [
    { name: 'the same system without the unknown field', round: 'v4.1', profile: 'official', tree: withoutUrl },
    {
      name: 'network and power fields are known',
      round: 'v5.1',
      tree: withChanges(untether.tree, { [untetherJson]: untetherTextWithoutUrl.replace('"cooling": "air",', '"cooling": "air",\n    "network_type": "Ethernet",\n    "disk_drives": "1x NVMe",') }),
    },
    { name: 'the nameplate power field from v6.1 on', round: 'v6.1', tree: withNameplatePower },
    { name: 'a vCPU count, which the submission rules allow in place of the core count', round: 'v6.0', tree: withVcpuCount },
  ],
  invalid: [
    {
      name: 'a real v4.1 system the official checker warns about',
      round: 'v4.1',
      profile: 'official',
      tree: untether.tree,
      errors: [{ messageId: 'unknown', file: untetherJson, line: 24, severity: 'warning', unit: 'closed/UntetherAI/results/h13_u1_slim', message: '"host_processor_url"' }],
    },
    {
      name: 'the nameplate power field before v6.1',
      round: 'v6.0',
      tree: withNameplatePower,
      errors: [{ messageId: 'unknown', file: redHatJson, severity: 'warning', message: '"system_power_capacity"' }],
    },
    {
      name: 'the official profile warns about the vCPU count as the monolith does',
      round: 'v5.1',
      profile: 'official',
      tree: withVcpuCount,
      errors: [{ messageId: 'unknown', message: '"host_processor_vcpu_count"' }],
    },
  ],
});
