import path from 'node:path';
import { Option, type Command } from 'commander';
import { undeclaredFormats } from '../harness/onnx/formats.ts';
import { inspectModelFile } from '../harness/onnx/inspect.ts';
import { BUILT_IN_POLICIES, checkPolicy, loadFormatPolicy } from '../harness/onnx/policy.ts';
import { modelProfileText, type ModelInspection } from '../report/model-profile.ts';
import { EXIT_COMPLIANT, EXIT_FAILURE, EXIT_FINDINGS } from './exit-code.ts';
import type { CliIo } from './io.ts';

interface InspectModelOptions {
  declared?: string;
  policy?: string;
  format: 'text' | 'json';
}

/**
 * `mlperf-audit inspect-model <onnx>`: the model's numerical-format profile without running it. Exit 0, or 1 when a
 * given declaration omits a format or a given policy forbids one; 2 when the file is not a readable ONNX model.
 */
export function addInspectModelCommand(program: Command, io: CliIo, finish: (exitCode: number) => void): void {
  program
    .command('inspect-model')
    .description('print the numerical formats an ONNX model uses (parameters, quantized weights and activations, casts, inputs and outputs)')
    .argument('<onnx>', 'the model file')
    .option('--declared <formats>', 'a weight_data_types declaration to check against the model, e.g. "int8, fp32"')
    .option('--policy <policy>', `a format policy to check the model against (${BUILT_IN_POLICIES.join(', ')}, or a policy file)`)
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (file: string, options: InspectModelOptions) => {
      finish(await inspectModelCommand(path.resolve(io.cwd, file), file, options, io));
    });
}

async function inspectModelCommand(absolute: string, shown: string, options: InspectModelOptions, io: CliIo): Promise<number> {
  const inspected = await inspectModelFile(absolute);
  if (!inspected.ok) {
    io.stderr.write(`mlperf-audit: error: ${shown}: ${inspected.problem}\n`);
    return EXIT_FAILURE;
  }
  const policy = options.policy === undefined ? undefined : loadFormatPolicy(options.policy);
  if (policy !== undefined && !policy.ok) {
    io.stderr.write(`mlperf-audit: error: ${policy.problem}\n`);
    return EXIT_FAILURE;
  }
  const { profile } = inspected;
  const inspection: ModelInspection = {
    model: shown,
    profile,
    ...(options.declared !== undefined && { declared: { value: options.declared, undeclared: undeclaredFormats(profile, options.declared) } }),
    ...(policy !== undefined && { policy: { name: policy.value.name, violations: checkPolicy(profile, policy.value) } }),
  };
  io.stdout.write(options.format === 'json' ? `${JSON.stringify(inspection, null, 2)}\n` : modelProfileText(inspection));
  const failed = (inspection.declared?.undeclared.length ?? 0) > 0 || (inspection.policy?.violations.length ?? 0) > 0;
  return failed ? EXIT_FINDINGS : EXIT_COMPLIANT;
}
