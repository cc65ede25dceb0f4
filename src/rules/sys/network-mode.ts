import { jsonText } from '../../checkers/inference/system-fields.ts';
import { loadSystemDescription } from '../../checkers/inference/system-json.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'sys/network-mode',
  meta: {
    description: 'is_network says "true" for a network-division system and not for a closed-division one.',
    category: 'sys',
    scope: 'system',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'inference_rules.adoc §6.2 (network division: the SUT is reached over a network) and §6.1 (closed division); submission_rules.adoc §5.7.',
    messages: {
      notString: 'Field "is_network" is {{value}}, not a string, and the official checkers fail on it. Write "true" or "false" in quotes.',
      closedOverNetwork: 'The system is in the closed division but is_network is {{value}}. Set "is_network" to "false" (or remove it) for a local system, or move the system to the network division.',
      networkNotOverNetwork: 'The system is in the network division but is_network is {{value}}. Set "is_network": "true" and describe the network fields, or move the system to the closed or open division.',
    },
    rejects: 'system',
    official: {},
  },
  async check({ unit, round, profile, load, report }) {
    const description = await loadSystemDescription(load, round, unit.systemJsonPath);
    if (!description.ok) return;
    const { json, isNetwork, positionOf } = description.value;
    const value = json['is_network'];
    const file = unit.systemJsonPath;
    const position = positionOf('is_network');
    const shown = value === undefined ? 'absent' : jsonText(value);
    // Both official checkers call .lower() on any value other than null, so a JSON boolean fails the system there;
    // the recommended profile takes a boolean for what it says.
    const typeAccepted = value === undefined || value === null || typeof value === 'string' || (typeof value === 'boolean' && profile === 'recommended');
    if (!typeAccepted) {
      report({ messageId: 'notString', file, ...position, data: { value: shown } });
      return;
    }
    if (unit.division === 'closed' && isNetwork) report({ messageId: 'closedOverNetwork', file, ...position, data: { value: shown } });
    if (unit.division === 'network' && !isNetwork) report({ messageId: 'networkNotOverNetwork', file, ...position, data: { value: shown } });
  },
});
