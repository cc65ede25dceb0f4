import { tmpdir } from 'node:os';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { auditSubmission, AuditSetupError, type AuditOptions } from '../checkers/inference/audit-submission.ts';
import { overlayConfig, resolveConfig, type AuditConfig, type ConfigurableOptions } from '../config/config-file.ts';
import { reporters } from '../report/reporters.ts';
import { plural } from '../report/stylish.ts';
import { knownRounds, RoundDataError } from '../rounds/load-round.ts';
import { DiskFs } from '../tree/disk-fs.ts';
import { isInsideFolder, submissionRootProblem } from '../tree/inside-folder.ts';
import { TOOL_NAME } from '../version.ts';
import { ActionInputError, readActionInputs, type ActionInputs, type Env } from './inputs.ts';
import { countAudit, failureReason } from './outcome.ts';
import { workflowCommand } from '../report/github.ts';
import { appendOutputs } from './runner-files.ts';

export interface ActionIo {
  readonly env: Env;
  /** The workspace: relative input paths are resolved against it, as the runner starts the action there. */
  readonly cwd: string;
  readonly stdout: { write(text: string): unknown };
}

/** GitHub only knows a passed and a failed step. */
const STEP_PASSED = 0;
const STEP_FAILED = 1;

/**
 * Runs the action: audits the submission, writes the annotations to the log, the job summary, the SARIF file and the
 * step outputs, and resolves to the exit code. The step fails on findings at the `fail-on` level and when the audit
 * cannot run; a problem with the inputs or the tree is one `::error::` line, never a stack trace.
 */
export async function runAction(io: ActionIo): Promise<number> {
  try {
    return await auditAndReport(readActionInputs(io.env), io);
  } catch (error) {
    const known = error instanceof ActionInputError || error instanceof AuditSetupError || error instanceof RoundDataError;
    const message = error instanceof Error ? error.message : String(error);
    io.stdout.write(runnerMessage('error', known ? `${TOOL_NAME}: ${message}` : `${TOOL_NAME}: internal error: ${message}. This is a defect of ${TOOL_NAME}; please report it.`));
    return STEP_FAILED;
  }
}

async function auditAndReport(inputs: ActionInputs, io: ActionIo): Promise<number> {
  const root = path.resolve(io.cwd, inputs.path);
  requireDirectory(inputs.path, root);
  const config = configFile(inputs, io);
  const settings = auditSettings(inputs, config, io);
  if (settings.round !== undefined && !knownRounds().includes(settings.round)) {
    throw new ActionInputError(`input round is "${settings.round}"; known rounds: ${knownRounds().join(', ')}`);
  }
  const result = await auditSubmission(auditOptions(inputs.path, root, settings, config));
  if (result.round.detected) io.stdout.write(`${TOOL_NAME}: no round input; auditing as ${result.round.id}, recognised by ${result.round.evidence}.\n`);

  const reporterOptions = { color: false };
  io.stdout.write(reporters.github(result, reporterOptions));
  const summaryFile = io.env['GITHUB_STEP_SUMMARY'];
  if (summaryFile) appendFileSync(summaryFile, reporters.markdown(result, reporterOptions));
  const sarifPath = inputs.sarifFile === undefined ? undefined : outsideTree(path.resolve(io.cwd, inputs.sarifFile), root, io);
  if (sarifPath !== undefined) writeReport(sarifPath, reporters.sarif(result, reporterOptions));

  const counts = countAudit(result);
  const outputFile = io.env['GITHUB_OUTPUT'];
  if (outputFile) {
    appendOutputs(outputFile, {
      accepted: String(counts.accepted),
      rejected: String(counts.rejected),
      errors: String(counts.errors),
      warnings: String(counts.warnings),
      'sarif-file': sarifPath ?? '',
    });
  }

  io.stdout.write(`${TOOL_NAME}: round ${result.round.id}, profile ${result.profile}: ${counts.accepted} accepted, ${counts.rejected} rejected; ${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}.\n`);
  const failure = failureReason(counts, inputs.failOn, settings.maxWarnings);
  if (failure === undefined) return STEP_PASSED;
  io.stdout.write(runnerMessage('error', `${TOOL_NAME}: ${failure}. The job summary lists every finding.`));
  return STEP_FAILED;
}

/**
 * The audit never writes inside the tree it audits. With `path: .` (the whole repository) the default SARIF path is
 * inside it, so the report goes to the runner's temporary folder instead, and the `sarif-file` output says where.
 */
function outsideTree(sarifPath: string, root: string, io: ActionIo): string {
  if (!isInsideFolder(root, sarifPath)) return sarifPath;
  const moved = path.join(io.env['RUNNER_TEMP'] || tmpdir(), path.basename(sarifPath));
  io.stdout.write(`${TOOL_NAME}: ${sarifPath} is inside the audited tree, which the audit never writes to; the SARIF report goes to ${moved} (the sarif-file output).\n`);
  return moved;
}

/** The `config` input's file, or mlperf-audit.config.yaml in the workspace when the input is empty, as `check` finds it. */
function configFile(inputs: ActionInputs, io: ActionIo): AuditConfig | undefined {
  const resolved = resolveConfig(inputs.config, io.cwd);
  if (!resolved.ok) throw new ActionInputError(`input config: ${resolved.problem}`);
  if (resolved.value?.discovered === true) io.stdout.write(`${TOOL_NAME}: using the configuration in ${resolved.value.config.file} (the config input names another).\n`);
  return resolved.value?.config;
}

/** The inputs over the configuration file's settings, as `check`'s options are: a profile or round input wins. */
function auditSettings(inputs: ActionInputs, config: AuditConfig | undefined, io: ActionIo): ConfigurableOptions {
  const given: ConfigurableOptions = { profile: inputs.profile ?? 'recommended', rule: {}, ...(inputs.round !== undefined && { round: inputs.round }) };
  if (config === undefined) return given;
  const { options, notes } = overlayConfig(given, config, inputs.profile !== undefined);
  for (const note of notes) io.stdout.write(`${TOOL_NAME}: note: ${note}.\n`);
  if (config.harness !== undefined) {
    io.stdout.write(runnerMessage('warning', `${TOOL_NAME}: ${config.file} configures the reference harness, which the action does not run (it needs ONNX Runtime, a native package the action leaves out); the audit goes on without the harness rules. Run mlperf-audit check --harness in a step of its own.`));
  }
  return options;
}

function auditOptions(displayRoot: string, root: string, settings: ConfigurableOptions, config: AuditConfig | undefined): AuditOptions {
  return {
    // Reports name files relative to the submission root, and the root as the workflow wrote it.
    fs: new DiskFs(root, displayRoot),
    profile: settings.profile,
    ...(settings.round !== undefined && { round: settings.round }),
    severities: settings.rule,
    ...(config !== undefined && { waivers: { waivers: config.waivers, file: config.file } }),
  };
}

function requireDirectory(input: string, absolute: string): void {
  const problem = submissionRootProblem(absolute);
  if (problem === 'missing') throw new ActionInputError(`input path: ${input} does not exist in the workspace; check the submission out first (actions/checkout)`);
  if (problem === 'file') throw new ActionInputError(`input path: ${input} is a file; name the submission's root folder (the one holding closed/, open/ or network/)`);
  if (problem !== undefined) throw new ActionInputError(`input path: cannot read ${input} (${problem.code})`);
}

function writeReport(file: string, report: string): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, report);
  } catch (cause) {
    throw new ActionInputError(`input sarif-file: cannot write ${file} (${(cause as NodeJS.ErrnoException).code ?? String(cause)})`);
  }
}

/** An `::error::` or `::warning::` line without a file: the runner shows it in the log and as an annotation of the run. */
function runnerMessage(level: 'error' | 'warning', message: string): string {
  return `${workflowCommand(level, {}, message)}\n`;
}
