import { loadSystemDescription } from '../../checkers/inference/system-json.ts';
import { roundInRange } from '../../rounds/load-round.ts';
import type { RoundData } from '../../rounds/types.ts';
import { defineRule } from '../rule.ts';

/** The modular checker reads the nameplate power from this field from v6.1 on, outside every field list. */
const NAMEPLATE_POWER = { field: 'system_power_capacity', rounds: { since: 'v6.1' } };

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
  async check({ unit, round, load, report }) {
    const description = await loadSystemDescription(load, round, unit.systemJsonPath);
    if (!description.ok) return;
    const known = knownFields(round);
    for (const field of Object.keys(description.value.json)) {
      if (known.has(field)) continue;
      report({ messageId: 'unknown', file: unit.systemJsonPath, ...description.value.positionOf(field), data: { field } });
    }
  },
});

function knownFields(round: RoundData): Set<string> {
  const { requiredFields, networkFields, powerFields } = round.systemDescription;
  const known = new Set([...requiredFields, ...networkFields, ...powerFields]);
  if (roundInRange(round.id, NAMEPLATE_POWER.rounds)) known.add(NAMEPLATE_POWER.field);
  return known;
}
