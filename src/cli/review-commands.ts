import path from 'node:path';
import { Option, type Command } from 'commander';
import type { AuditResult } from '../checkers/inference/audit-submission.ts';
import { loadJsonReport } from '../report/read-json-report.ts';
import { FORMAT_NAMES, reporters, type FormatName } from '../report/reporters.ts';
import { diffAudits } from '../review/diff.ts';
import { DIFF_FORMATS, diffReporters, type DiffFormat } from '../review/diff-report.ts';
import { mergeShards } from '../review/merge-shards.ts';
import { TOOL_NAME } from '../version.ts';
import { parseCount, UsageError } from './arguments.ts';
import { EXIT_COMPLIANT, EXIT_FINDINGS, exitCodeOf } from './exit-code.ts';
import { colorEnabled, type CliIo } from './io.ts';

interface RenderOptions<Format> {
  format: Format;
  output?: string;
}

interface AuditRenderOptions extends RenderOptions<FormatName> {
  maxWarnings?: number;
}

/**
 * The reviewer's commands, which read earlier audits (the JSON of `check --format json`) and never the tree:
 * `report` renders one, `diff` compares two, `merge` combines the shards of one audit.
 */
export function addReviewCommands(program: Command, io: CliIo, finish: (exitCode: number) => void, write: (outputPath: string, text: string) => void): void {
  const readAudit = (file: string): AuditResult => {
    const read = loadJsonReport(path.resolve(io.cwd, file), file);
    if (!read.ok) throw new UsageError(read.problem);
    return read.value;
  };
  /** To --output, or to standard output in colour when it is a terminal. */
  const emit = (output: string | undefined, render: (color: boolean) => string): void => {
    if (output === undefined) io.stdout.write(render(colorEnabled(io.stdout, io.env)));
    else write(path.resolve(io.cwd, output), render(false));
  };
  const renderAudit = (audit: AuditResult, options: AuditRenderOptions): void => {
    emit(options.output, (color) => reporters[options.format](audit, { color }));
    finish(exitCodeOf(audit, options.maxWarnings));
  };
  const formatOption = (defaultFormat: FormatName) => new Option('--format <format>', 'output format').choices(FORMAT_NAMES).default(defaultFormat);
  const outputOption = '-o, --output <file>';
  const outputHelp = 'write to a file instead of standard output';
  const maxWarningsHelp = 'exit with 1 when there are more warnings than this';

  program
    .command('report')
    .description("render an earlier audit (check --format json) in any format without reading the tree again; exit code as check's")
    .argument('<audit.json>', 'the JSON report of check --format json')
    .addOption(formatOption('stylish'))
    .option(outputOption, outputHelp)
    .option('--max-warnings <count>', maxWarningsHelp, parseCount)
    .action((file: string, options: AuditRenderOptions) => {
      const audit = readAudit(file);
      if (audit.shard !== undefined) {
        io.stderr.write(`${TOOL_NAME}: note: ${file} is shard ${audit.shard.index}/${audit.shard.count} of an audit; merge the shards for the whole tree.\n`);
      }
      renderAudit(audit, options);
    });

  program
    .command('diff')
    .description('compare two audits (two versions of a submission, or two rounds of a submitter); exit 1 when b has new errors or newly rejected results')
    .argument('<audit-a.json>', 'the earlier audit (check --format json)')
    .argument('<audit-b.json>', 'the later audit')
    .addOption(new Option('--format <format>', 'output format').choices(DIFF_FORMATS).default('stylish'))
    .option(outputOption, outputHelp)
    .action((before: string, after: string, options: RenderOptions<DiffFormat>) => {
      const diff = diffAudits(readAudit(before), readAudit(after));
      emit(options.output, (color) => diffReporters[options.format](diff, { color }));
      finish(diff.summary.regression ? EXIT_FINDINGS : EXIT_COMPLIANT);
    });

  program
    .command('merge')
    .description("combine the shards of one audit (check --shard K/N --format json) into the audit of the whole tree; exit code as check's")
    .argument('<audit.json...>', 'the JSON report of every shard')
    .addOption(formatOption('json'))
    .option(outputOption, outputHelp)
    .option('--max-warnings <count>', maxWarningsHelp, parseCount)
    .action((files: string[], options: AuditRenderOptions) => {
      const merged = mergeShards(files.map((file) => ({ source: file, audit: readAudit(file) })));
      if (!merged.ok) throw new UsageError(merged.problem);
      renderAudit(merged.value, options);
    });
}
