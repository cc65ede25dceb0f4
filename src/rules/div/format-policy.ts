import { percent, submittedModelPath } from '../../division/submitted-model.ts';
import { inspectModelFile } from '../../harness/onnx/inspect.ts';
import { checkPolicy, loadFormatPolicy } from '../../harness/onnx/policy.ts';
import { defineRule } from '../rule.ts';

const DEFAULT_POLICY = 'current';

export default defineRule({
  id: 'div/format-policy',
  meta: {
    description: 'The numerical formats of the model a result submitted are allowed by the format policy in force (current rules: any format; mlperf-v0.5: the 2019 list; or an organisation\'s own policy).',
    category: 'div',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'inference_rules.adoc §8.1 ("any numerical format that achieves the desired quality"; the list of approved formats was removed for v1.0 by inference_policies 6fb4d6e "Nix whitelist"); an organisation may hold its submissions to a stricter policy.',
    messages: {
      notAllowed: 'The submitted model {{model}} uses {{formats}}, which the "{{policy}}" format policy does not allow. Quantize to a format the policy allows, or audit under the policy that applies (formatPolicy in the harness configuration).',
      noModel: 'No submitted ONNX model is configured for this result (submittedModels in the harness configuration), so its numerical formats cannot be checked against the "{{policy}}" policy.',
      unreadable: 'The submitted model {{model}} cannot be inspected: {{problem}}.',
      badPolicy: 'The format policy cannot be used: {{problem}}.',
    },
    messageSeverities: { noModel: 'info', unreadable: 'warning', badPolicy: 'warning' },
    rejects: 'scenario',
    official: false,
    needsHarness: { evidence: 'the ONNX model each result ran (submittedModels), and optionally a format policy (formatPolicy)' },
  },
  async check({ unit, harness, report }) {
    if (harness === undefined) return;
    const policy = loadFormatPolicy(harness.config.formatPolicy ?? DEFAULT_POLICY);
    if (!policy.ok) {
      report({ messageId: 'badPolicy', data: { problem: policy.problem.replace(/\.$/, '') } });
      return;
    }
    const model = submittedModelPath(harness.config, unit);
    if (model === undefined) {
      report({ messageId: 'noModel', data: { policy: policy.value.name } });
      return;
    }
    const inspected = await inspectModelFile(model);
    if (!inspected.ok) {
      report({ messageId: 'unreadable', data: { model, problem: inspected.problem.replace(/\.$/, '') } });
      return;
    }
    const violations = checkPolicy(inspected.profile, policy.value);
    if (violations.length === 0) return;
    const formats = violations
      .map(({ format, parameterShare, activationQuantizers }) => `${format} (${percent(parameterShare)} of the parameters${activationQuantizers > 0 ? `, ${activationQuantizers} activation quantizers` : ''})`)
      .join(', ');
    report({ messageId: 'notAllowed', data: { model, formats, policy: policy.value.name } });
  },
});
