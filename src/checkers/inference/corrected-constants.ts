import type { AccuracyBound, ConstantCorrection, LlmLatencyLimit, ModelData, Scenario } from '../../rounds/types.ts';
import type { Profile } from '../../rules/rule.ts';

/**
 * Constants of the official tables that the rules (or the reference implementation) state otherwise
 * (docs/rounds/corrected-constants.md): the official profile applies the official value, the recommended profile the
 * value of the authoritative source, naming the official one.
 */

/** What the recommended profile replaced: the official table's value, and the document that says otherwise. */
export interface Replaced {
  readonly official: number;
  readonly source: string;
}

/** A constant as a rule applies it. */
export interface AppliedConstant {
  readonly value: number;
  /** Set when the value is not the official table's. */
  readonly replaced?: Replaced;
}

/** The value to apply: the official one, unless the recommended profile follows a correction whose source is authoritative. */
export function applyCorrection(official: number, correction: ConstantCorrection | undefined, profile: Profile): AppliedConstant {
  if (profile === 'recommended' && correction?.applies === 'stated') return { value: correction.stated, replaced: { official, source: correction.source } };
  return { value: official };
}

/** The latency constraint of a scenario (nanoseconds), if the model has one. */
export function latencyConstraint(modelData: ModelData | undefined, scenario: Scenario, profile: Profile): AppliedConstant | undefined {
  const official = modelData?.latencyConstraintNs?.[scenario];
  return official === undefined ? undefined : applyCorrection(official, modelData?.corrections?.latencyConstraintNs?.[scenario], profile);
}

export interface AppliedLlmLimits {
  readonly ttftMs: AppliedConstant;
  readonly tpotMs: AppliedConstant;
}

/** The TTFT and TPOT limits of a scenario (milliseconds), if the model has them. */
export function llmLatencyLimits(modelData: ModelData | undefined, scenario: Scenario, profile: Profile): AppliedLlmLimits | undefined {
  const official: LlmLatencyLimit | undefined = modelData?.llmLatencyLimits?.[scenario];
  if (official === undefined) return undefined;
  const corrections = modelData?.corrections?.llmLatencyLimits?.[scenario];
  return { ttftMs: applyCorrection(official.ttftMs, corrections?.ttftMs, profile), tpotMs: applyCorrection(official.tpotMs, corrections?.tpotMs, profile) };
}

/** An accuracy bound as applied, with the official value it replaced. */
export interface AppliedBound extends AccuracyBound {
  readonly replaced?: Replaced;
}

/** Accuracy bounds with the corrections of one kind (targets or upper limits) applied. */
export function correctedBounds(bounds: readonly AccuracyBound[], corrections: Readonly<Record<string, ConstantCorrection>> | undefined, profile: Profile): AppliedBound[] {
  return bounds.map((bound) => {
    const applied = applyCorrection(bound.value, corrections?.[bound.metric], profile);
    return applied.replaced === undefined ? bound : { metric: bound.metric, value: applied.value, replaced: applied.replaced };
  });
}
