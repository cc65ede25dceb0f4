import { loadSystemDescription } from '../../checkers/inference/system-json.ts';
import type { RoundData } from '../../rounds/types.ts';
import { defineRule, type Profile } from '../rule.ts';

/** submission_rules.adoc §5.7 allows a vCPU count in place of the core count; the official field lists omit it. */
const POLICY_FIELDS = ['host_processor_vcpu_count'];

export default defineRule({
  id: 'sys/unknown-fields',
  meta: {
    description: 'The system description holds only fields the round defines.',
    category: 'sys',
    scope: 'system',
    severity: 'warning',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'submission_rules.adoc §5.7: the system description fields are a fixed list; the results tables are built from them.',
    messages: {
      unknown: 'Field "{{field}}" is not a system description field of this round, so no tool reads it and the results tables do not show it. Check its spelling against the field list, or move the information into hw_notes or sw_notes.',
    },
    // The monolith only warns; the modular checker does not look.
    rejects: 'none',
    official: { rounds: { until: 'v5.1' } },
  },
  async check({ unit, round, profile, load, report }) {
    const description = await loadSystemDescription(load, round, unit.systemJsonPath);
    if (!description.ok) return;
    const known = knownFields(round, profile);
    for (const field of Object.keys(description.value.json)) {
      if (known.has(field)) continue;
      report({ messageId: 'unknown', file: unit.systemJsonPath, ...description.value.positionOf(field), data: { field } });
    }
  },
});

function knownFields(round: RoundData, profile: Profile): Set<string> {
  const { requiredFields, networkFields, powerFields } = round.systemDescription;
  // The official profile reproduces the official warnings exactly, including the one about the vCPU count.
  return new Set([...requiredFields, ...networkFields, ...powerFields, ...(profile === 'recommended' ? POLICY_FIELDS : [])]);
}
