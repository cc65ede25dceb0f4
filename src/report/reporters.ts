import { csvReporter } from './csv.ts';
import { githubReporter } from './github.ts';
import { htmlReporter } from './html.ts';
import { jsonReporter } from './json.ts';
import { junitReporter } from './junit.ts';
import { markdownReporter } from './markdown.ts';
import type { Reporter } from './reporter.ts';
import { sarifReporter } from './sarif.ts';
import { stylishReporter } from './stylish.ts';
import { verdictsReporter } from './verdicts.ts';

/** Output formats by name (`--format`). */
export const reporters = {
  stylish: stylishReporter,
  json: jsonReporter,
  verdicts: verdictsReporter,
  csv: csvReporter,
  html: htmlReporter,
  sarif: sarifReporter,
  junit: junitReporter,
  github: githubReporter,
  markdown: markdownReporter,
} as const satisfies Record<string, Reporter>;

export type FormatName = keyof typeof reporters;
export const FORMAT_NAMES = Object.keys(reporters) as FormatName[];
