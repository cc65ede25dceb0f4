import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { auditSubmission, AuditSetupError } from '../checkers/inference/audit-submission.ts';
import type { Shard } from '../checkers/shard.ts';
import { overlayConfig, resolveConfig, type AuditConfig } from '../config/config-file.ts';
import type { SeveritySetting } from '../checkers/rule-selection.ts';
import { SEVERITIES } from '../report/diagnostic.ts';
import { FORMAT_NAMES, reporters, type FormatName } from '../report/reporters.ts';
import { knownRounds, RoundDataError } from '../rounds/load-round.ts';
import { registry } from '../rules/registry.ts';
import { PROFILES, RULE_CATEGORIES, type Profile } from '../rules/rule.ts';
import { loadHarnessConfig, type HarnessConfig } from '../harness/harness-config.ts';
import { HarnessSetupError } from '../harness/run-harness.ts';
import { DiskFs } from '../tree/disk-fs.ts';
import { isInsideFolder, submissionRootProblem } from '../tree/inside-folder.ts';
import { TOOL_NAME, TOOL_VERSION } from '../version.ts';
import { EXIT_FAILURE, exitCodeOf } from './exit-code.ts';
import { colorEnabled, type CliIo } from './io.ts';
import { parseCount, parseShard, UsageError } from './arguments.ts';
import { addHarnessCommand } from './harness-command.ts';
import { addInspectModelCommand } from './inspect-model-command.ts';
import { showAuditProgress, terminalProgress } from './progress.ts';
import { addReviewCommands } from './review-commands.ts';
import { explainRule } from './rule-docs.ts';
import { filterRules, rulesTable } from './rules-table.ts';

interface CheckOptions {
  round?: string;
  profile: Profile;
  format: FormatName;
  output?: string;
  submitter?: string;
  maxWarnings?: number;
  rule: Record<string, SeveritySetting>;
  exhaustive?: boolean;
  harness?: string;
  /** A configuration file (--config), or false with --no-config. */
  config?: string | false;
  shard?: Shard;
}

/** Runs the CLI; resolves to the exit code. Never throws for bad input: that is a usage error or a diagnostic. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  const program = new Command(TOOL_NAME)
    .description('Audits MLPerf Inference submissions: every check of the official checker, plus the ones it misses.')
    .version(TOOL_VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .showHelpAfterError('(run with --help for usage)');

  program
    .command('check')
    .description('audit a submission tree (the folder holding closed/, open/ and network/)')
    .argument('<dir>', 'the submission root')
    .option('--round <id>', `the round to audit against (${knownRounds().join(', ')}); detected from the logs when absent`)
    .addOption(new Option('--profile <profile>', 'official: the verdicts of the official checker; recommended: plus the checks it misses').choices(PROFILES).default('recommended'))
    .addOption(new Option('--format <format>', 'output format').choices(FORMAT_NAMES).default('stylish'))
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .option('--submitter <name>', 'audit only this submitter folder')
    .option('--max-warnings <count>', 'exit with 1 when there are more warnings than this', parseCount)
    .option('--rule <id=severity>', 'change a rule\'s severity (error, warning, info or off); repeatable', collectRuleSetting, {})
    .option('--harness <config>', 're-run sampled queries of each result through the reference models of this configuration (YAML: references: { <benchmark>: { model, dataset } })')
    .option('--exhaustive', 'run the checks whose cost grows with the length of a run in full (the TEST01 selection of runs over 64 million samples)')
    .option('--shard <K/N>', "audit only shard K of N of the submitters, in parallel jobs (merge combines the shards' JSON reports)", parseShard)
    .option('--config <file>', 'read settings and waivers from this configuration file (default: mlperf-audit.config.yaml in the working folder, if there is one); options given here override it')
    .option('--no-config', 'ignore mlperf-audit.config.yaml in the working folder')
    .action(async (dir: string, options: CheckOptions, command: Command) => {
      exitCode = await runCheck(dir, options, io, command.getOptionValueSource('profile') === 'cli');
    });

  program
    .command('rules')
    .description('list the rules, with their severity and the rounds they apply to')
    .option('--round <id>', 'only the rules that apply to this round')
    .addOption(new Option('--category <category>', 'only the rules of this category').choices(RULE_CATEGORIES))
    .addOption(new Option('--profile <profile>', 'only the rules of this profile').choices(PROFILES).default('recommended'))
    .action((options: { round?: string; category?: string; profile: Profile }) => {
      if (options.round !== undefined) checkRound(options.round);
      io.stdout.write(rulesTable(filterRules(options), options.profile));
    });

  program
    .command('explain')
    .description("show a rule's documentation: what it checks, why, how to fix it, and what the official checker does")
    .argument('<rule-id>', 'for example struct/root-extra-files')
    .action((id: string) => {
      const page = explainRule(id, colorEnabled(io.stdout, io.env));
      if (page === undefined) throw new UsageError(`unknown rule "${id}"; run "${TOOL_NAME} rules" to list them`);
      io.stdout.write(page);
    });

  addInspectModelCommand(program, io, (code) => {
    exitCode = code;
  });

  addHarnessCommand(
    program,
    io,
    (code) => {
      exitCode = code;
    },
    writeOutput,
  );
  addReviewCommands(
    program,
    io,
    (code) => {
      exitCode = code;
    },
    writeOutput,
  );

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version requests end here too, with exit code 0; commander already printed its message.
      return error.exitCode === 0 ? 0 : EXIT_FAILURE;
    }
    if (error instanceof UsageError || error instanceof AuditSetupError || error instanceof RoundDataError || error instanceof HarnessSetupError) {
      io.stderr.write(`${TOOL_NAME}: error: ${error.message}\n`);
      return EXIT_FAILURE;
    }
    io.stderr.write(`${TOOL_NAME}: internal error: ${error instanceof Error ? error.message : String(error)}\nThis is a defect of ${TOOL_NAME}; please report it.\n`);
    return EXIT_FAILURE;
  }
}

async function runCheck(dir: string, given: CheckOptions, io: CliIo, profileGiven: boolean): Promise<number> {
  const root = path.resolve(io.cwd, dir);
  requireDirectory(dir, root);
  const config = checkConfig(given.config, io);
  const overlay = config === undefined ? undefined : overlayConfig(given, config, profileGiven);
  for (const note of overlay?.notes ?? []) io.stderr.write(`${TOOL_NAME}: note: ${note}.\n`);
  const options = overlay?.options ?? given;
  if (options.round !== undefined) checkRound(options.round);
  if (options.profile === 'official' && Object.keys(options.rule).length > 0) {
    throw new UsageError('--rule changes the recommended profile only; the official profile is what the official checker does');
  }
  if (options.shard !== undefined && options.submitter !== undefined) throw new UsageError('--shard and --submitter cannot be combined: a shard is a share of all the submitters');
  const outputPath = options.output === undefined ? undefined : path.resolve(io.cwd, options.output);
  if (outputPath !== undefined) refuseToWriteInside(root, outputPath);
  const harness = options.harness === undefined ? config?.harness : harnessConfig(path.resolve(io.cwd, options.harness));

  const progress = terminalProgress(io.stderr);
  const result = await auditSubmission({
    fs: new DiskFs(root, dir),
    profile: options.profile,
    ...(options.round !== undefined && { round: options.round }),
    ...(options.submitter !== undefined && { submitter: options.submitter }),
    severities: options.rule,
    exhaustive: options.exhaustive === true,
    ...(harness !== undefined && { harness: { config: harness, submissionRoot: root } }),
    ...(config !== undefined && { waivers: { waivers: config.waivers, file: config.file } }),
    ...(options.shard !== undefined && { shard: options.shard }),
    ...(progress !== undefined && { onProgress: (event) => showAuditProgress(progress, event) }),
  }).finally(() => progress?.clear());
  if (result.round.detected) io.stderr.write(`${TOOL_NAME}: no --round given; auditing as ${result.round.id}, recognised by ${result.round.evidence}.\n`);
  if (options.submitter !== undefined && !result.results.some((verdict) => verdict.submitter === options.submitter)) {
    io.stderr.write(`${TOOL_NAME}: warning: no result of a submitter folder named "${options.submitter}" was found.\n`);
  }
  const target = outputPath === undefined ? io.stdout : undefined;
  const report = reporters[options.format](result, { color: target !== undefined && colorEnabled(target, io.env) });
  if (outputPath === undefined) io.stdout.write(report);
  else writeOutput(outputPath, report);
  return exitCodeOf(result, options.maxWarnings);
}

/** The configuration file of a check run, if any; stderr says so when it was found rather than named. */
function checkConfig(option: string | false | undefined, io: CliIo): AuditConfig | undefined {
  const resolved = resolveConfig(option, io.cwd);
  if (!resolved.ok) throw new UsageError(resolved.problem);
  if (resolved.value?.discovered === true) io.stderr.write(`${TOOL_NAME}: using the configuration in ${resolved.value.config.file} (--no-config to ignore it).\n`);
  return resolved.value?.config;
}

function requireDirectory(dir: string, absolute: string): void {
  const problem = submissionRootProblem(absolute);
  if (problem === 'missing') throw new UsageError(`${dir} does not exist`);
  if (problem === 'file') throw new UsageError(`${dir} is a file; pass the submission's root folder (the one holding closed/, open/ or network/)`);
  if (problem !== undefined) throw new UsageError(`cannot read ${dir} (${problem.code})`);
}

/** The audit never writes inside the audited tree, not even its own report. */
function refuseToWriteInside(root: string, outputPath: string): void {
  if (!existsSync(path.dirname(outputPath))) throw new UsageError(`cannot write ${outputPath}: its folder does not exist`);
  if (isInsideFolder(root, outputPath)) throw new UsageError(`refusing to write ${outputPath} inside the audited submission; choose a path outside it`);
}

function writeOutput(outputPath: string, report: string): void {
  try {
    writeFileSync(outputPath, report);
  } catch (cause) {
    throw new UsageError(`cannot write ${outputPath} (${(cause as NodeJS.ErrnoException).code ?? String(cause)})`);
  }
}

function harnessConfig(file: string): HarnessConfig {
  const config = loadHarnessConfig(file);
  if (!config.ok) throw new UsageError(config.problem);
  return config.value;
}

function checkRound(round: string): void {
  if (!knownRounds().includes(round)) throw new UsageError(`unknown round "${round}"; known rounds: ${knownRounds().join(', ')}`);
}

function collectRuleSetting(value: string, settings: Record<string, SeveritySetting>): Record<string, SeveritySetting> {
  const match = /^([^=]+)=(.+)$/.exec(value);
  if (!match) throw new InvalidArgumentError('expected <rule-id>=<severity>, e.g. sys/unknown-fields=off.');
  const [, id = '', severity = ''] = match;
  if (!registry.some((rule) => rule.id === id)) throw new InvalidArgumentError(`unknown rule "${id}".`);
  if (severity !== 'off' && !(SEVERITIES as readonly string[]).includes(severity)) throw new InvalidArgumentError(`severity must be error, warning, info or off.`);
  return { ...settings, [id]: severity as SeveritySetting };
}
