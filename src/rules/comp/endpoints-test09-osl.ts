import { endpointsComplianceSubject, endpointsSummaryPath, loadEndpointsLog } from '../../checkers/inference/endpoints.ts';
import { numberValue } from '../../parsers/mllog.ts';
import { defineRule } from '../rule.ts';

const TEST09 = 'TEST09';

export default defineRule({
  id: 'comp/endpoints-test09-osl',
  meta: {
    description:
      'For a model that requires TEST09, the mean output length of an endpoints ("LoadGen++") performance run lies within the TEST09 bounds.',
    category: 'comp',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: { since: 'v6.1' },
    ruleText: 'inference_rules.adoc §9.4 (truncating output tokens is not permitted); the TEST09 audit.config of each model (mean output length of the reference ±10 %).',
    messages: {
      noMean:
        'performance/result_summary.json gives no mean output length (output_sequence_lengths.avg), so TEST09 cannot be checked for this endpoints result (the official checker fails on it). Submit the summary the endpoints tool wrote with the tokenizer of the model configured.',
      outOfRange:
        'The mean output length of this {{model}} endpoints run is {{found}} tokens (output_sequence_lengths.avg), outside [{{min}}, {{max}}], the TEST09 bounds of {{model}}. Outputs must not be truncated or padded: generate with the reference settings and re-run.',
      outOfOfficialRange:
        'The mean output length of this {{model}} endpoints run is {{found}} tokens (output_sequence_lengths.avg), outside [{{min}}, {{max}}], the TEST09 bounds the official checker of round {{round}} applies to every model (those of gpt-oss-120b). For {{model}} the check cannot pass unless its outputs are as long as gpt-oss-120b\'s: report it to the inference working group.',
    },
    // The modular checker's compliance check fails and rejects the result.
    rejects: 'scenario',
    official: { rounds: { since: 'v6.1' } },
  },
  async check(context) {
    const { unit, round, profile, load, report } = context;
    const subject = await endpointsComplianceSubject(context);
    if (subject === undefined) return;
    const { policy, model, modelData } = subject;
    if (!modelData?.complianceTests?.includes(TEST09)) return;
    const file = endpointsSummaryPath(unit.path);
    const found = numberValue((await loadEndpointsLog(load, unit.path, 'performance')).get('mean_output_tokens'));
    if (found === undefined) {
      report({ messageId: 'noMean', file });
      return;
    }
    // The official check applies TEST09_LOW/HIGH (gpt-oss-120b's bounds) to every model; the rules, each model's own.
    const own = modelData.test09OutputTokens;
    const bounds = profile === 'official' || own === undefined ? policy.test09OutputTokens : own;
    if (found >= bounds.min && found <= bounds.max) return;
    const official = own === undefined || own.min !== bounds.min || own.max !== bounds.max;
    report({ messageId: official ? 'outOfOfficialRange' : 'outOfRange', file, data: { model, found, min: bounds.min, max: bounds.max, round: round.id } });
  },
});
