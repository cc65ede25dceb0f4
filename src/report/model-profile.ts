import type { FormatShare } from '../harness/onnx/formats.ts';
import type { GraphValue, ModelProfile } from '../harness/onnx/inspect.ts';
import type { PolicyViolation } from '../harness/onnx/policy.ts';

/** What `inspect-model` found, and what it judged when asked to (a declaration, a policy). */
export interface ModelInspection {
  readonly model: string;
  readonly profile: ModelProfile;
  readonly declared?: { readonly value: string; readonly undeclared: readonly FormatShare[] };
  readonly policy?: { readonly name: string; readonly violations: readonly PolicyViolation[] };
}

function percent(share: number): string {
  return `${(100 * share).toFixed(2)} %`;
}

function counts(record: Readonly<Record<string, number>>): string {
  const entries = Object.entries(record).sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  return entries.length === 0 ? 'none' : entries.map(([name, count]) => `${name} ×${count}`).join(', ');
}

function value(graphValue: GraphValue): string {
  const shape = graphValue.shape === null ? '?' : `[${graphValue.shape.map((dim) => (dim === null ? '?' : String(dim))).join(', ')}]`;
  return `${graphValue.name}: ${graphValue.dataType} ${shape}`;
}

/** The format profile as a reviewer reads it: formats by share of the parameters first, then where they sit. */
export function modelProfileText(inspection: ModelInspection): string {
  const { profile } = inspection;
  const { quantization } = profile;
  const scales = quantization.weightScales;
  const lines = [
    inspection.model,
    `  producer      ${profile.producer.name || '(none)'} ${profile.producer.version}`.trimEnd(),
    `  ir / opsets   ${profile.irVersion} / ${Object.entries(profile.opsets).map(([domain, version]) => `${domain} ${version}`).join(', ') || 'none'}`,
    `  graph         ${profile.nodes} nodes in ${profile.graphs} graph${profile.graphs === 1 ? '' : 's'}`,
    `  parameters    ${profile.parameters.total.toLocaleString('en-US')}`,
    ...profile.parameters.byFormat.map(({ format, elements, share }) => `    ${format.padEnd(6)} ${percent(share).padStart(8)}  ${elements.toLocaleString('en-US')}`),
    `  weights       quantized: ${counts(quantization.weightFormats)}; scales per tensor ${scales.perTensor}, per channel ${scales.perChannel}, per block ${scales.perBlock}${scales.unknown > 0 ? `, computed ${scales.unknown}` : ''}`,
    `  activations   quantized: ${counts(quantization.activationFormats)}`,
    `  quantized ops ${counts(quantization.quantizedOperators)}`,
    `  casts to      ${counts(profile.castTargets)}`,
    ...(profile.externalData.tensors > 0 ? [`  external data ${profile.externalData.tensors} tensors in ${profile.externalData.locations.join(', ')}`] : []),
    `  inputs        ${profile.inputs.map(value).join('; ') || 'none'}`,
    `  outputs       ${profile.outputs.map(value).join('; ') || 'none'}`,
  ];
  if (inspection.declared !== undefined) {
    const { undeclared } = inspection.declared;
    lines.push(
      undeclared.length === 0
        ? `  declared      "${inspection.declared.value}" names every format holding 1 % or more of the parameters`
        : `  declared      "${inspection.declared.value}" omits ${undeclared.map(({ format, share }) => `${format} (${percent(share)})`).join(', ')}`,
    );
  }
  if (inspection.policy !== undefined) {
    const { name, violations } = inspection.policy;
    lines.push(
      violations.length === 0
        ? `  policy        ${name}: every format used is allowed`
        : `  policy        ${name} does not allow ${violations.map(({ format, parameterShare, activationQuantizers }) => `${format} (${percent(parameterShare)} of the parameters${activationQuantizers > 0 ? `, ${activationQuantizers} activation quantizers` : ''})`).join(', ')}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
