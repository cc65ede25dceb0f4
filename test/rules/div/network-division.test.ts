import rule from '../../../src/rules/div/network-division.ts';
import { testRule } from '../../support/rule-tester.ts';
import { realResult, withChanges } from '../../support/shared-data.ts';

// A real closed datacenter-capable result refiled under network/, as a network-division submission is laid out.
const closed = realResult('v4.1', 'closed/UntetherAI/results/h13_u1_slim/resnet50/offline');
const network = Object.fromEntries(Object.entries(closed.tree).map(([file, content]) => [file.replace(/^closed\//, 'network/'), content]));
const systemJson = 'network/UntetherAI/systems/h13_u1_slim.json';
const original = JSON.parse(String(network[systemJson])) as Record<string, unknown>;

const NETWORK_FIELDS = {
  is_network: 'true',
  network_type: 'Ethernet',
  network_media: 'copper',
  network_rate: '100 Gbit/s',
  nic_loadgen: 'ConnectX-6',
  number_nic_loadgen: '1',
  net_software_stack_loadgen: 'Linux TCP/IP',
  network_protocol: 'gRPC over TCP',
  number_connections: '4',
  nic_sut: 'ConnectX-6',
  number_nic_sut: '1',
  net_software_stack_sut: 'Linux TCP/IP',
  network_topology: 'point to point',
};

const describing = (changes: Record<string, unknown>) => withChanges(network, { [systemJson]: JSON.stringify({ ...original, ...NETWORK_FIELDS, ...changes }, null, 4) });

testRule(rule, {
  valid: [
    { name: 'a datacenter system over Ethernet', round: 'v4.1', tree: describing({ system_type: 'datacenter' }) },
    { name: 'a datacenter,edge system over InfiniBand', round: 'v4.1', tree: describing({ system_type: 'datacenter,edge', network_type: 'InfiniBand HDR', network_protocol: 'RDMA' }) },
    { name: 'a closed system is not this rule\'s business', round: 'v4.1', tree: closed.tree },
  ],
  invalid: [
    {
      name: 'an edge system in the network division',
      round: 'v4.1',
      tree: describing({ system_type: 'edge' }),
      errors: [{ messageId: 'notDatacenter', file: systemJson, unit: 'network/UntetherAI/results/h13_u1_slim', message: 'system_type is "edge"' }],
    },
    {
      name: 'a SUT "networked" over PCIe',
      round: 'v4.1',
      tree: describing({ system_type: 'datacenter', network_type: 'PCIe Gen5 x16', network_protocol: 'DMA' }),
      errors: [{ messageId: 'busInterconnect', severity: 'error', message: 'Field "network_type" is "PCIe Gen5 x16": a bus interconnect' }],
    },
    {
      name: 'fields that name no fabric',
      round: 'v4.1',
      tree: describing({ system_type: 'datacenter', network_type: 'fast', network_media: 'cable', network_protocol: 'custom' }),
      errors: [{ messageId: 'unknownFabric', severity: 'warning', message: 'network_type "fast", network_media "cable", network_protocol "custom"' }],
    },
  ],
});
