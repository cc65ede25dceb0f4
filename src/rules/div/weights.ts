import { readFile } from 'node:fs/promises';
import { modelAndReference } from '../../division/submitted-model.ts';
import { compareWeights, type WeightEquivalenceResult, type WeightFinding, type WeightIssue } from '../../division/weights.ts';
import { FileMemo } from '../../util/file-memo.ts';
import { defineRule } from '../rule.ts';

const SHOWN = 3;

function examples(findings: readonly WeightFinding[]): string {
  const shown = findings.slice(0, SHOWN).map((finding) => `${finding.reference}${finding.detail ? ` (${finding.detail})` : ''}`);
  return findings.length > SHOWN ? `${shown.join('; ')}; and ${findings.length - SHOWN} more` : shown.join('; ');
}

/** Both models decoded and compared once, however many results use the same pair. */
const comparisons = new FileMemo<WeightEquivalenceResult>();

function comparedWeights(model: string, reference: string): Promise<WeightEquivalenceResult> {
  return comparisons.get([model, reference], async () => {
    try {
      const [submittedBytes, referenceBytes] = await Promise.all([readFile(model), readFile(reference)]);
      return compareWeights(submittedBytes, referenceBytes);
    } catch (cause) {
      const { code, path } = cause as NodeJS.ErrnoException;
      return { status: 'cannot-compare', reason: `${path ?? 'a model'} cannot be read (${code ?? String(cause)})` };
    }
  });
}

/** The issues that break model equivalence in the closed and network divisions; each is also its message id. */
const BREAKING = ['replaced', 'pruned', 'reshaped'] as const;

export default defineRule({
  id: 'div/weights',
  meta: {
    description: "The weights of the model a closed or network result submitted are the reference model's, up to quantization: none replaced, none pruned, no shape changed beyond padding.",
    category: 'div',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText:
      'inference_rules.adoc §8 ("CLOSED: … a model that is equivalent … to the model used in the reference implementation"; "OPEN: … may use a different model … Retraining is allowed"), §8.2 (disallowed: "Wholesale weight replacement or supplements", "Discarding non-zero weight elements, including pruning"), §8.1 (INT8 reference: "the same shape modulo padding").',
    messages: {
      replaced: '{{count}} weight tensors of the submitted model {{model}} differ from the reference model\'s beyond one quantization step (RMS error above the RMS step): {{examples}}. The {{division}} division allows quantizing the reference weights, not replacing them.',
      pruned: '{{count}} weight tensors of the submitted model {{model}} have reference weights set to zero: {{examples}}. The {{division}} division does not allow discarding non-zero weights (pruning).',
      reshaped: '{{count}} weight tensors of the submitted model {{model}} changed shape beyond zero padding: {{examples}}. The {{division}} division requires the reference shapes, modulo padding.',
      unmatched: '{{count}} reference weight tensors have no counterpart in the submitted model {{model}} (by name or by shape): {{examples}}. Name the tensors as the reference does, or check that the model is the reference model.',
      openChanges: 'The submitted model {{model}} changes the reference weights ({{summary}}); the open division allows it, the closed division would not.',
      noModel: 'No submitted ONNX model is configured for this result (submittedModels in the harness configuration), so its weights cannot be compared with the reference model.',
      noReference: 'The harness configuration names no reference model for {{benchmark}}, so the submitted weights cannot be compared with it. Add references.{{benchmark}}.model.',
      cannotCompare: 'The weights of {{model}} cannot be compared with the reference model: {{reason}}.',
    },
    messageSeverities: { unmatched: 'warning', openChanges: 'info', noModel: 'info', noReference: 'info', cannotCompare: 'warning' },
    rejects: 'scenario',
    // The official checkers see no model: they only require the weight fields of the measurements JSON to be filled.
    official: false,
    needsHarness: { evidence: 'the ONNX model each result ran (submittedModels) and the reference model (references.<benchmark>.model)' },
  },
  async check({ unit, harness, report }) {
    if (harness === undefined) return;
    const pair = modelAndReference(harness.config, unit, report);
    if (pair === undefined) return;
    const { model, reference } = pair;
    const compared = await comparedWeights(model, reference);
    if (compared.status === 'cannot-compare') {
      report({ messageId: 'cannotCompare', data: { model, reason: compared.reason.replace(/\.$/, '') } });
      return;
    }
    const withIssue = (issue: WeightIssue): WeightFinding[] => compared.findings.filter((finding) => finding.issues.includes(issue));
    if (unit.division === 'open') {
      const { replaced, pruned, reshaped } = compared.summary;
      if (replaced + pruned + reshaped > 0) report({ messageId: 'openChanges', data: { model, summary: `${replaced} replaced, ${pruned} pruned, ${reshaped} reshaped of ${compared.summary.referenceTensors} tensors` } });
      return;
    }
    for (const issue of BREAKING) {
      const affected = withIssue(issue);
      if (affected.length > 0) report({ messageId: issue, data: { count: affected.length, model, examples: examples(affected), division: unit.division } });
    }
    const unmatched = withIssue('unmatched');
    if (unmatched.length > 0) report({ messageId: 'unmatched', data: { count: unmatched.length, model, examples: examples(unmatched) } });
  },
});
