import { csvReporter } from './csv.ts';
import { jsonReporter } from './json.ts';
import type { Reporter } from './reporter.ts';
import { stylishReporter } from './stylish.ts';
import { verdictsReporter } from './verdicts.ts';

/** Output formats by name (`--format`). */
export const reporters = {
  stylish: stylishReporter,
  json: jsonReporter,
  verdicts: verdictsReporter,
  csv: csvReporter,
} as const satisfies Record<string, Reporter>;

export type FormatName = keyof typeof reporters;
export const FORMAT_NAMES = Object.keys(reporters) as FormatName[];
