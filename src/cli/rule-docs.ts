import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Chalk } from 'chalk';
import { INTERNAL_RULES } from '../checkers/internal-rules.ts';
import { registry } from '../rules/registry.ts';
import type { AnyRule, Rejects, RoundRange } from '../rules/rule.ts';
import { officialSeverity } from '../checkers/rule-selection.ts';

/** docs/ sits one level above both src/ and lib/. */
const DOCS = new URL('../../docs/rules/', import.meta.url);

export function ruleDocsPath(id: string): string {
  return fileURLToPath(new URL(`${id}.md`, DOCS));
}

export function describeRounds(range: RoundRange): string {
  if (range.since && range.until) return range.since === range.until ? range.since : `${range.since}–${range.until}`;
  if (range.since) return `${range.since} and later`;
  if (range.until) return `up to ${range.until}`;
  return 'all rounds';
}

export function describeOfficial(rule: AnyRule): string {
  const { official } = rule.meta;
  if (official === false) return 'not checked by the official checker';
  const rounds = describeRounds(official.rounds ?? rule.meta.rounds);
  const severity = describeOfficialSeverity(rule);
  return severity !== rule.meta.severity ? `${rounds} (as ${severity})` : rounds;
}

/** `error`, or `warning (monolith), error (modular)` when the two official checkers differ. */
export function describeOfficialSeverity(rule: AnyRule): string {
  const [monolith, modular] = [officialSeverity(rule, 'monolith'), officialSeverity(rule, 'modular')];
  return monolith === modular ? monolith : `${monolith} (monolith), ${modular} (modular)`;
}

const REJECTS_TEXT: Record<Rejects, string> = {
  none: 'nothing (findings never reject)',
  measurements: 'the result, and its measurements folder',
  'benchmark-record': 'the benchmark, recorded after its results, which keep their verdicts',
  root: 'the whole submission',
  division: 'the division',
  submitter: 'the submitter',
  system: 'the system',
  benchmark: 'the benchmark and its results',
  scenario: 'the result',
};

function describeRejects(rule: AnyRule): string {
  const { rejects } = rule.meta;
  if (typeof rejects === 'string') return REJECTS_TEXT[rejects];
  if (rejects.monolith === rejects.modular) return REJECTS_TEXT[rejects.monolith];
  return `${REJECTS_TEXT[rejects.monolith]} (monolith, up to v5.1); ${REJECTS_TEXT[rejects.modular]} (modular checker, v6.0+)`;
}

/** A rule's docs page for the terminal, headed by its settings. Undefined for an unknown id. */
export function explainRule(id: string, color: boolean): string | undefined {
  const rule = registry.find((candidate) => candidate.id === id);
  const internal = INTERNAL_RULES.find((candidate) => candidate.id === id);
  if (!rule && !internal) return undefined;
  const chalk = new Chalk({ level: color ? 1 : 0 });
  let page: string;
  try {
    page = readFileSync(ruleDocsPath(id), 'utf8');
  } catch {
    page = `# ${id}\n\n${rule?.meta.description ?? internal?.description}\n`;
  }
  const facts = rule
    ? [
        ['severity', rule.meta.severity],
        ['checks each', rule.meta.scope],
        ['divisions', rule.meta.divisions.join(', ')],
        ['rounds', describeRounds(rule.meta.rounds)],
        ['official profile', describeOfficial(rule)],
        ['an error rejects', describeRejects(rule)],
        ['rule text', rule.meta.ruleText],
      ]
    : [['severity', internal?.severity ?? 'error']];
  const header = facts.map(([label, value]) => `${chalk.dim(`${label}:`.padEnd(18))}${value}`).join('\n');
  const body = page
    .split('\n')
    .map((line) => {
      if (line.startsWith('# ')) return chalk.bold.underline(line.slice(2));
      if (line.startsWith('## ')) return `\n${chalk.bold(line.slice(3))}`;
      return line.replace(/`([^`]+)`/g, (_, code: string) => chalk.cyan(code));
    })
    .join('\n')
    .replace(/\n{3,}/g, '\n\n');
  const [title = '', ...rest] = body.split('\n');
  return `${title}\n${header}\n${rest.join('\n').trimEnd()}\n`;
}
