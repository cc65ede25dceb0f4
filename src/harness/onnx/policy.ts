import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { load as loadYaml } from 'js-yaml';
import { assetUrl } from '../../assets.ts';
import type { ModelResult } from '../model-runner.ts';
import { formatOfDataTypeName, NUMERIC_FORMATS, type NumericFormat } from './formats.ts';
import type { ModelProfile } from './inspect.ts';
import { lazy } from '../../util/lazy.ts';

/**
 * Which numerical formats a model may use (spec harness.md §4.8 check 2). The rules allow any format today; a policy
 * file lets an organisation apply a stricter list, such as the 2019 whitelist.
 */
export interface FormatPolicy {
  readonly name: string;
  readonly description: string;
  /** Where the list comes from, for reports. */
  readonly source?: string;
  readonly allowedFormats: 'any' | readonly NumericFormat[];
  /** Parameter formats holding less than this share are ignored; activation quantizers always count. Defaults to 0. */
  readonly minShare?: number;
}

/** The policies shipped in policies/, by name. */
export const BUILT_IN_POLICIES = ['current', 'mlperf-v0.5'] as const;

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'description', 'allowedFormats'],
  properties: {
    name: { type: 'string', minLength: 1 },
    description: { type: 'string', minLength: 1 },
    source: { type: 'string', minLength: 1 },
    allowedFormats: { oneOf: [{ const: 'any' }, { type: 'array', uniqueItems: true, items: { enum: [...NUMERIC_FORMATS] } }] },
    minShare: { type: 'number', minimum: 0, maximum: 1 },
  },
};

const policyValidator = lazy(() => new Ajv({ allErrors: true }).compile<FormatPolicy>(schema));

/** A built-in policy by name ("current", "mlperf-v0.5"), or an organisation's own policy file (YAML or JSON). */
export function loadFormatPolicy(nameOrPath: string): ModelResult<FormatPolicy> {
  const builtIn = (BUILT_IN_POLICIES as readonly string[]).includes(nameOrPath);
  const file = builtIn ? assetUrl(`harness/onnx/policies/${nameOrPath}.yaml`) : nameOrPath;
  let content: unknown;
  try {
    content = loadYaml(readFileSync(file, 'utf8'));
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code === 'ENOENT' ? `does not exist (built-in policies: ${BUILT_IN_POLICIES.join(', ')})` : `cannot be read as YAML (${cause instanceof Error ? cause.message.split('\n')[0] : String(cause)})`;
    return { ok: false, problem: `format policy ${nameOrPath} ${reason}` };
  }
  const validate = policyValidator();
  if (!validate(content)) {
    const errors = (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}${error.keyword === 'enum' ? ` (${NUMERIC_FORMATS.join(', ')})` : ''}`);
    return { ok: false, problem: `format policy ${nameOrPath} is invalid: ${errors.join('; ')} (expected: name, description, allowedFormats: any or a list of formats, and optionally source, minShare)` };
  }
  return { ok: true, value: content };
}

export interface PolicyViolation {
  readonly format: NumericFormat;
  /** Fraction of the model's parameters in this format, 0–1. */
  readonly parameterShare: number;
  readonly parameterElements: number;
  /** Activation quantization points (QuantizeLinear / unpaired DequantizeLinear) in this format. */
  readonly activationQuantizers: number;
}

/** Formats the model uses that the policy does not allow, largest parameter share first. */
export function checkPolicy(profile: ModelProfile, policy: FormatPolicy): PolicyViolation[] {
  const allowed = policy.allowedFormats;
  if (allowed === 'any') return [];
  const violations = new Map<NumericFormat, { parameterShare: number; parameterElements: number; activationQuantizers: number }>();
  for (const { format, elements, share } of profile.parameters.byFormat) {
    if (share >= (policy.minShare ?? 0) && !allowed.includes(format)) violations.set(format, { parameterShare: share, parameterElements: elements, activationQuantizers: 0 });
  }
  for (const [dataType, count] of Object.entries(profile.quantization.activationFormats)) {
    const format = formatOfDataTypeName(dataType);
    if (!format || allowed.includes(format)) continue;
    const parameters = profile.parameters.byFormat.find((entry) => entry.format === format);
    const violation = violations.get(format) ?? { parameterShare: parameters?.share ?? 0, parameterElements: parameters?.elements ?? 0, activationQuantizers: 0 };
    violations.set(format, { ...violation, activationQuantizers: violation.activationQuantizers + count });
  }
  return [...violations].map(([format, violation]) => ({ format, ...violation })).sort((a, b) => b.parameterShare - a.parameterShare || b.activationQuantizers - a.activationQuantizers);
}
