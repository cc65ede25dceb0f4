import { HARNESS_CONFIG_SCHEMA } from '../harness/harness-config.ts';
import { SEVERITIES } from '../report/diagnostic.ts';
import { knownRounds } from '../rounds/load-round.ts';
import { registry } from '../rules/registry.ts';
import { PROFILES } from '../rules/rule.ts';

/** Where the generated schema is committed, for editors (`npm run generate` writes it; a test keeps it current). */
export const CONFIG_SCHEMA_FILE = 'docs/mlperf-audit.config.schema.json';

/** The settings a configuration file may hold, in the order the schema lists them. */
export const CONFIG_SETTINGS = ['profile', 'round', 'rules', 'harness', 'maxWarnings', 'waivers'] as const;

/** What every waiver says; `expires` is optional. */
export const REQUIRED_WAIVER_FIELDS = ['rule', 'unit', 'justification', 'approvedBy'] as const;

export const SEVERITY_SETTINGS: readonly string[] = [...SEVERITIES, 'off'];

/** What the schema is generated from: the rules and the rounds the tool knows. */
export interface ConfigVocabulary {
  readonly rules: readonly { readonly id: string; readonly description: string }[];
  readonly rounds: readonly string[];
}

export type JsonSchema = Readonly<Record<string, unknown>>;

/** The JSON Schema of mlperf-audit.config.yaml for a set of rules and rounds. */
export function buildConfigSchema({ rules, rounds }: ConfigVocabulary): JsonSchema {
  const nonBlank = { type: 'string', pattern: '\\S' };
  const waiver = {
    type: 'object',
    additionalProperties: false,
    required: [...REQUIRED_WAIVER_FIELDS],
    properties: {
      rule: { description: 'The rule whose findings are waived.', enum: rules.map((rule) => rule.id) },
      unit: {
        description:
          'A path relative to the submission root, e.g. closed/Acme/results/sys/resnet50/Offline: findings whose file or unit is this path or lies below it are waived ("." is the whole tree). In a glob, * and ? match within one path segment and ** across segments.',
        type: 'string',
        minLength: 1,
      },
      justification: { description: 'Why the finding is acceptable.', ...nonBlank },
      approvedBy: { description: 'Who approved the waiver.', ...nonBlank },
      expires: { description: 'The day (YYYY-MM-DD, UTC) from which the waiver no longer applies; the audit then reports it.', type: 'string', format: 'date' },
    },
  };
  const settings: Record<(typeof CONFIG_SETTINGS)[number], JsonSchema> = {
    profile: {
      description: 'official: the checks and verdicts of the official checker of the round; recommended (the default): those checks plus the ones the official tools miss. Like --profile.',
      enum: [...PROFILES],
    },
    round: { description: 'The round to audit against; recognised from the LoadGen logs when absent. Like --round.', enum: [...rounds] },
    rules: {
      description: 'Severity of rules by id, in the recommended profile (the official profile is what the official checker does). Like --rule <id>=<severity>.',
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(rules.map((rule) => [rule.id, { description: rule.description, enum: SEVERITY_SETTINGS }])),
    },
    harness: {
      description: 'Reference models and data sets for the harness rules (docs/harness.md): the path of a harness configuration file, relative to this file, or the same settings written here. Like --harness.',
      anyOf: [{ type: 'string', minLength: 1 }, HARNESS_CONFIG_SCHEMA],
    },
    maxWarnings: { description: 'Exit with 1 when more warnings than this remain (waived findings do not count). Like --max-warnings.', type: 'integer', minimum: 0 },
    waivers: {
      description: 'Findings accepted with a written justification: still reported, marked waived, but they reject no result and do not count towards the exit code. A waiver that matches nothing, or has expired, is reported.',
      type: 'array',
      items: waiver,
    },
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'mlperf-audit configuration (mlperf-audit.config.yaml)',
    description: 'Settings of `mlperf-audit check`; options given on the command line override them. Generated from the rules by `npm run generate`: do not edit.',
    type: 'object',
    additionalProperties: false,
    properties: settings,
  };
}

/** The schema for this build's rules and rounds. */
export function configSchema(): JsonSchema {
  return buildConfigSchema({ rules: registry.map((rule) => ({ id: rule.id, description: rule.meta.description })), rounds: knownRounds() });
}

/** The text of the committed schema file. */
export function renderConfigSchema(): string {
  return `${JSON.stringify(configSchema(), null, 2)}\n`;
}
