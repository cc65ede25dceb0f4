import { Chalk, type ChalkInstance } from 'chalk';
import type { HarnessReport, HarnessStatus } from '../harness/run-harness.ts';

export const HARNESS_FORMATS = ['stylish', 'json'] as const;
export type HarnessFormat = (typeof HARNESS_FORMATS)[number];

const STATUS_STYLE: Record<HarnessStatus, (chalk: ChalkInstance, text: string) => string> = {
  pass: (chalk, text) => chalk.green(text),
  warn: (chalk, text) => chalk.yellow(text),
  fail: (chalk, text) => chalk.red(text),
  info: (chalk, text) => chalk.blue(text),
};

/** The harness's verdict for a terminal: what ran, one line per check with its evidence, and the outcome. */
export function harnessStylish(report: HarnessReport, options: { readonly color: boolean }): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const header = [
    chalk.underline(report.scenario),
    `  benchmark ${report.benchmark} (${report.task}), seed "${report.seed}"`,
    ...(report.model ? [`  model ${report.model.path} (${report.model.input} → ${report.model.output})`] : []),
    ...(report.dataset ? [`  dataset ${report.dataset}`] : []),
    `  ${report.sampled} samples re-run (${report.sampledFromTest01} from TEST01) in ${(report.durationMs / 1000).toFixed(1)} s, ${(report.modelMs / 1000).toFixed(1)} s of it in the model`,
  ];
  const width = Math.max(...report.findings.map((finding) => finding.check.length), 0);
  const rows = report.findings.map((finding) => {
    const status = STATUS_STYLE[finding.status](chalk, finding.status.padEnd(4));
    const where = finding.file === undefined ? '' : chalk.dim(`  ${finding.file}${finding.line === undefined ? '' : `:${finding.line}`}`);
    return `  ${status}  ${finding.check.padEnd(width)}  ${finding.message}${where}`;
  });
  const outcome = report.passed ? chalk.green('✔ consistent with a real run of the reference model') : chalk.red('✖ not consistent with a real run of the reference model');
  return `${header.join('\n')}\n\n${rows.join('\n')}\n\n${outcome}\n`;
}

/** The whole report as JSON (schemaVersion 1), numbers unrounded. */
export function harnessJson(report: HarnessReport): string {
  return `${JSON.stringify({ schemaVersion: 1, ...report }, null, 2)}\n`;
}

export const harnessReporters: Record<HarnessFormat, (report: HarnessReport, options: { readonly color: boolean }) => string> = {
  stylish: harnessStylish,
  json: (report) => harnessJson(report),
};
