import { definePerformanceRule, type LogFinding, type PerformanceLogInput } from '../../checkers/inference/performance-rule.ts';
import type { Scenario } from '../../rounds/types.ts';

type MessageId = 'notEdge' | 'cannotInfer';

/** The results the rules allow to be derived from a run of another scenario: [ran, reported]. */
const INFERABLE: readonly (readonly [Scenario, Scenario])[] = [
  ['SingleStream', 'MultiStream'],
  ['SingleStream', 'Offline'],
  ['MultiStream', 'Offline'],
];

function isInferable(ran: Scenario, reported: Scenario): boolean {
  return INFERABLE.some(([from, to]) => from === ran && to === reported);
}

/**
 * The modular checker's inferred_check: other scenarios only on systems whose system_type mentions edge, and only the
 * listed pairs. The monolith checks nothing but that an Interactive folder holds a Server run.
 */
function findings({ profile, round, system, directoryScenario: reported, effectiveScenario: ran }: PerformanceLogInput): LogFinding<MessageId>[] {
  if (reported === undefined || ran === undefined || reported === ran) return [];
  // LoadGen runs the Interactive scenario as Server.
  if (reported === 'Interactive' && ran === 'Server') return [];
  const cannotInfer: LogFinding<MessageId> = { messageId: 'cannotInfer', data: { reported, ran } };
  if (profile === 'official' && round.officialChecker.kind === 'monolith') return reported === 'Interactive' ? [cannotInfer] : [];
  const systemType = system?.json['system_type'];
  // Without a readable system_type the sys/* rules report the system description.
  if (typeof systemType !== 'string') return [];
  if (!systemType.toLowerCase().includes('edge')) return [{ messageId: 'notEdge', data: { reported, ran, systemType } }];
  return isInferable(ran, reported) ? [] : [cannotInfer];
}

export default definePerformanceRule({
  id: 'perf/scenario-inference',
  meta: {
    description: 'A result whose run is of another scenario is one the rules allow to infer: on an edge system, MultiStream or Offline from SingleStream, or Offline from MultiStream.',
    category: 'perf',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'inference_rules.adoc §4.1 (edge results: MultiStream and Offline may be inferred from SingleStream, Offline from MultiStream).',
    messages: {
      notEdge:
        'This {{reported}} result comes from a run of the {{ran}} scenario, but results may be inferred from another scenario only on edge systems and this system_type is "{{systemType}}". Run the {{reported}} scenario itself and submit its logs.',
      cannotInfer:
        'This {{reported}} result comes from a run of the {{ran}} scenario, and a {{reported}} result cannot be inferred from it (only MultiStream or Offline from SingleStream, Offline from MultiStream, and Interactive from the Server run LoadGen makes of it). Run the {{reported}} scenario itself and submit its logs.',
    },
    rejects: 'scenario',
    // The v4.1 monolith infers any pair without a check.
    official: { rounds: { since: 'v5.0' } },
  },
  checkLog: findings,
});
