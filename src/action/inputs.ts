import { PROFILES, type Profile } from '../rules/rule.ts';

export type Env = Readonly<Record<string, string | undefined>>;

/** When the step fails: on an error-level finding, on any error or warning, or never (the outputs still count them). */
export type FailOn = 'error' | 'warning' | 'never';
export const FAIL_ON_LEVELS: readonly FailOn[] = ['error', 'warning', 'never'];

export const DEFAULT_SARIF_FILE = 'mlperf-audit.sarif';

/** The action's inputs, as declared in action.yml, validated. */
export interface ActionInputs {
  /** The submission root, as the workflow wrote it. */
  readonly path: string;
  readonly round?: string;
  /** Absent when the workflow left it empty: the configuration file's profile applies, or `recommended`. */
  readonly profile?: Profile;
  /** A mlperf-audit.config.yaml file; absent to use the one in the workspace, if any, as `check` does. */
  readonly config?: string;
  readonly failOn: FailOn;
  /** Where to write the SARIF report; absent when the workflow asked for none (an empty `sarif-file`). */
  readonly sarifFile?: string;
}

/** An input the action cannot work with: reported as one `::error::` line, and the step fails. */
export class ActionInputError extends Error {
  override readonly name = 'ActionInputError';
}

/**
 * The runner passes each input as `INPUT_<NAME>`, the name upper-cased with spaces turned into underscores; hyphens
 * stay (`INPUT_FAIL-ON`). Values are trimmed, as @actions/core's getInput does.
 */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

function readInput(env: Env, name: string): string | undefined {
  return env[inputVariable(name)]?.trim();
}

/** A set, non-empty input, or undefined: the runner passes an input the workflow left out as its action.yml default. */
function optionalInput(env: Env, name: string): string | undefined {
  const value = readInput(env, name);
  return value === undefined || value === '' ? undefined : value;
}

function choiceInput<T extends string>(env: Env, name: string, choices: readonly T[]): T | undefined {
  const value = optionalInput(env, name);
  if (value !== undefined && !(choices as readonly string[]).includes(value)) {
    throw new ActionInputError(`input ${name} is "${value}"; expected one of ${choices.join(', ')}`);
  }
  return value as T | undefined;
}

/**
 * Reads the inputs from the environment. The defaults are those of action.yml, applied here too because the runner's
 * defaults are not there when the entry point runs outside a workflow (tests, local runs), and `required` is not
 * enforced by the runner either.
 */
export function readActionInputs(env: Env): ActionInputs {
  const round = optionalInput(env, 'round');
  const profile = choiceInput(env, 'profile', PROFILES);
  const config = optionalInput(env, 'config');
  // An empty sarif-file is how a workflow turns the SARIF off, so only an unset variable takes the default.
  const sarifFile = readInput(env, 'sarif-file') ?? DEFAULT_SARIF_FILE;
  return {
    path: optionalInput(env, 'path') ?? '.',
    ...(round !== undefined && { round }),
    ...(profile !== undefined && { profile }),
    ...(config !== undefined && { config }),
    failOn: choiceInput(env, 'fail-on', FAIL_ON_LEVELS) ?? 'error',
    ...(sarifFile !== '' && { sarifFile }),
  };
}
