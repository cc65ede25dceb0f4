import { jsonText } from '../../checkers/inference/system-fields.ts';
import { loadSystemDescription } from '../../checkers/inference/system-json.ts';
import { defineRule } from '../rule.ts';

/** Networks §6.2 names (Ethernet, IEEE 802.11, InfiniBand, 3GPP), with the usual ways of writing them. */
const NETWORK_FABRIC = /ethernet|\bgbe\b|\d\s*g(?:b|bit)?e\b|roce|iwarp|infini\s*band|\bib\b|802\.11|wi-?fi|wlan|3gpp|\b[45]g\b|\blte\b|\bnr\b|tcp|udp|\bip\b|\bhttp|grpc/i;
/** Bus interconnects §6.2 rules out: a SUT reached over one of these is not a network SUT. */
const BUS_INTERCONNECT = /pci-?e|pci express|nvlink|nvswitch|\bcxl\b|\bupi\b|\bqpi\b|infinity fabric|xgmi|hyper-?transport/i;
/** Fields of the network description that name the fabric (SYSTEM_DESC_REQUIRED_FIELDS_NETWORK_MODE). */
const FABRIC_FIELDS = ['network_type', 'network_media', 'network_protocol'] as const;

export default defineRule({
  id: 'div/network-division',
  meta: {
    description: 'A network-division system is a datacenter system whose SUT is reached over a network fabric (Ethernet, InfiniBand, IEEE 802.11, 3GPP), not a bus interconnect, as its network fields say.',
    category: 'div',
    scope: 'system',
    severity: 'error',
    divisions: ['network'],
    rounds: {},
    ruleText:
      'inference_rules.adoc §6.2 (network division: the SUT is connected to the LoadGen node over a network fabric such as Ethernet, IEEE 802.11, InfiniBand or 3GPP; bus interconnects are not networks; the division covers the datacenter suite only).',
    messages: {
      notDatacenter: 'The system is in the network division but its system_type is {{value}}; the network division covers the datacenter suite only. Submit it as "datacenter", or in the closed or open division.',
      busInterconnect: 'Field "{{field}}" is {{value}}: a bus interconnect, not a network; the network division needs the SUT reached over a network fabric (Ethernet, InfiniBand, IEEE 802.11, 3GPP). Describe the network the queries cross, or submit the system in the closed division.',
      unknownFabric: 'None of the network fields ({{fields}}) names a network fabric the rules list (Ethernet, InfiniBand, IEEE 802.11, 3GPP); reviewers cannot tell what the queries cross. Name the fabric in "network_type".',
    },
    messageSeverities: { unknownFabric: 'warning' },
    rejects: 'system',
    // The official checkers check is_network, the Network SUT name and that the network fields are filled (sys/network-mode,
    // perf/network-sut-name, sys/required-fields), not what they say.
    official: false,
  },
  async check({ unit, round, load, report }) {
    const description = await loadSystemDescription(load, round, unit.systemJsonPath);
    if (!description.ok) return;
    const { json, positionOf } = description.value;
    const file = unit.systemJsonPath;
    const systemType = json['system_type'];
    if (typeof systemType === 'string' && !systemType.split(',').map((part) => part.trim()).includes('datacenter')) {
      report({ messageId: 'notDatacenter', file, ...positionOf('system_type'), data: { value: jsonText(systemType) } });
    }
    // Without is_network the fields are not required and sys/network-mode already reports the system.
    if (!description.value.isNetwork) return;
    const described = FABRIC_FIELDS.flatMap((field) => (typeof json[field] === 'string' && json[field].trim() !== '' ? [{ field, value: json[field] }] : []));
    if (described.length === 0) return; // sys/required-fields reports the missing fields
    const type = described.find(({ field }) => field === 'network_type');
    if (type !== undefined && BUS_INTERCONNECT.test(type.value) && !NETWORK_FABRIC.test(type.value)) {
      report({ messageId: 'busInterconnect', file, ...positionOf('network_type'), data: { field: 'network_type', value: jsonText(type.value) } });
      return;
    }
    if (!described.some(({ value }) => NETWORK_FABRIC.test(value))) {
      report({ messageId: 'unknownFabric', file, ...positionOf(described[0]!.field), data: { fields: described.map(({ field, value }) => `${field} ${jsonText(value)}`).join(', ') } });
    }
  },
});
