import { formatBound, loadAccuracyInput } from '../../checkers/inference/accuracy.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'acc/open-bounds',
  meta: {
    description: "Notes open-division results whose accuracy misses the closed division's bounds (allowed in open, where the accuracy is reported instead).",
    category: 'acc',
    scope: 'scenario',
    severity: 'info',
    divisions: ['open'],
    rounds: {},
    ruleText: 'inference_rules.adoc §4.1.2 item 4: in the open division "accuracy constraints are not applicable: instead the submission must report the accuracy obtained".',
    messages: {
      belowTarget: '{{metric}} is {{found}}, below the closed-division target of {{target}} for {{model}}. Allowed in the open division; the published accuracy shows it.',
      aboveLimit: '{{metric}} is {{found}}, above the closed-division upper limit of {{limit}} for {{model}}. Allowed in the open division; the published accuracy shows it.',
    },
    rejects: 'none',
    // Both checkers log the miss as a warning ("accuracy not met") and let the open result through.
    official: { severity: 'warning' },
  },
  async check({ unit, round, profile, load, report }) {
    const input = await loadAccuracyInput(load, round, profile, unit);
    if (input?.scan === undefined) return;
    const { txtPath, model, scan } = input;
    for (const miss of scan.belowTarget) {
      report({ messageId: 'belowTarget', file: txtPath, line: miss.line, data: { metric: miss.bound.metric, found: miss.text, target: formatBound(miss.bound.value), model } });
    }
    for (const miss of scan.aboveLimit) {
      report({ messageId: 'aboveLimit', file: txtPath, line: miss.line, data: { metric: miss.bound.metric, found: miss.text, limit: formatBound(miss.bound.value), model } });
    }
  },
});
