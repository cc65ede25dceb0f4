import { describe, expect, it } from 'vitest';
import { applyCorrection, latencyConstraint, llmLatencyLimits } from '../../src/checkers/inference/corrected-constants.ts';
import { knownRounds, loadRound } from '../../src/rounds/load-round.ts';
import type { ConstantCorrection, ModelData } from '../../src/rounds/types.ts';

/** Every correction of a model with the value of the regular field it corrects. */
function correctionsOf(model: ModelData): { what: string; correction: ConstantCorrection; tableValue: number | undefined }[] {
  const found: { what: string; correction: ConstantCorrection; tableValue: number | undefined }[] = [];
  const { corrections } = model;
  for (const [scenario, correction] of Object.entries(corrections?.latencyConstraintNs ?? {})) {
    if (correction) found.push({ what: `latencyConstraintNs.${scenario}`, correction, tableValue: model.latencyConstraintNs?.[scenario as keyof typeof model.latencyConstraintNs] });
  }
  for (const [scenario, limits] of Object.entries(corrections?.llmLatencyLimits ?? {})) {
    const table = model.llmLatencyLimits?.[scenario as keyof typeof model.llmLatencyLimits];
    if (limits?.ttftMs) found.push({ what: `llmLatencyLimits.${scenario}.ttftMs`, correction: limits.ttftMs, tableValue: table?.ttftMs });
    if (limits?.tpotMs) found.push({ what: `llmLatencyLimits.${scenario}.tpotMs`, correction: limits.tpotMs, tableValue: table?.tpotMs });
  }
  for (const [metric, correction] of Object.entries(corrections?.accuracyTargets ?? {})) {
    found.push({ what: `accuracyTargets.${metric}`, correction, tableValue: model.accuracy?.targets.find((bound) => bound.metric === metric)?.value });
  }
  for (const [metric, correction] of Object.entries(corrections?.accuracyUpperLimits ?? {})) {
    found.push({ what: `accuracyUpperLimits.${metric}`, correction, tableValue: model.accuracy?.upperLimits?.find((bound) => bound.metric === metric)?.value });
  }
  return found;
}

describe('corrected constants (docs/rounds/corrected-constants.md)', () => {
  it.each(knownRounds())('%s: each correction names the official value of the field it corrects', (id) => {
    for (const [name, model] of Object.entries(loadRound(id).models)) {
      for (const { what, correction, tableValue } of correctionsOf(model)) {
        expect(tableValue, `${id} ${name} ${what}`).toBe(correction.official);
        expect(correction.stated, `${id} ${name} ${what}`).not.toBe(correction.official);
      }
    }
  });

  it('applies the stated value in the recommended profile only, and only where it is authoritative', () => {
    const correction: ConstantCorrection = { stated: 80, official: 60, source: 'the rules', applies: 'stated' };
    expect(applyCorrection(60, correction, 'official')).toEqual({ value: 60 });
    expect(applyCorrection(60, correction, 'recommended')).toEqual({ value: 80, replaced: { official: 60, source: 'the rules' } });
    expect(applyCorrection(60, { ...correction, applies: 'official' }, 'recommended')).toEqual({ value: 60 });
  });

  it('corrects DLRMv3 and GPT-OSS-120B in the rounds that have them', () => {
    const v60 = loadRound('v6.0');
    expect(latencyConstraint(v60.models['dlrm-v3'], 'Server', 'recommended')?.value).toBe(80_000_000);
    expect(latencyConstraint(v60.models['dlrm-v3'], 'Server', 'official')?.value).toBe(60_000_000_000);
    expect(llmLatencyLimits(v60.models['gpt-oss-120b'], 'Interactive', 'recommended')?.tpotMs.value).toBe(20);
    expect(llmLatencyLimits(v60.models['gpt-oss-120b'], 'Interactive', 'official')?.tpotMs.value).toBe(15);
    expect(loadRound('v6.1').models['e2e-rag-qna']?.test09OutputTokens).toEqual({ min: 246.43, max: 301.19 });
  });
});
