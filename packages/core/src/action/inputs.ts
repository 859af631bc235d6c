// Typed readers over the runner's INPUT_<NAME> variables. Each error names the input and the fix.
import * as core from '@actions/core';
import { InputError } from './errors.ts';
import { networkLimits, setNetworkLimits } from '../net/index.ts';
import { resolveInside } from './paths.ts';
// run.ts reads the workspace from here.
export { workspace } from './paths.ts';

export function input(name: string): string {
  return core.getInput(name);
}

export function requiredInput(name: string, fix: string): string {
  return requiredValue(name, input(name), fix);
}

export function enumInput<T extends string>(name: string, allowed: readonly T[], fallback?: T): T {
  return enumValue(name, input(name) || fallback, allowed);
}

export function booleanInput(name: string, fallback = false): boolean {
  return booleanValue(name, input(name), fallback);
}

export function integerInput(name: string, fallback: number, range: IntegerRange = {}): number {
  const value = input(name);
  return value === '' ? fallback : integerValue(name, value, range);
}

/**
 * One item a line, or separated by commas; blanks and surrounding spaces dropped. With
 * `{ commas: false }` only lines separate items (for values that contain commas).
 */
export function listInput(name: string, options: ListOptions = {}): string[] {
  return listValue(input(name), options);
}

/** `KEY=VALUE`, one a line (values may hold `=` and commas); a line without `=` is an error. */
export function keyValueInput(name: string): Record<string, string> {
  return keyValueValue(name, input(name));
}

/** A branch name (see branchName), or the fallback when the input is empty. */
export function branchInput(name: string, fallback = ''): string {
  const value = input(name);
  return value ? branchName(name, value) : fallback;
}

/**
 * A path input, held to the containment rule (see paths.ts): inside the workspace (or RUNNER_TEMP
 * with `allowRunnerTemp`), wherever its symbolic links lead.
 */
export function pathInput(name: string, options: PathOptions & { fallback?: string } = {}): string {
  return pathValue(name, input(name) || options.fallback || '', options);
}

/** git's rules for a branch name (check-ref-format), without starting git. */
export function isBranchName(name: string): boolean {
  return /^(?!\/|-|.*\.\.|.*\/\/|.*@\{|.*\.lock(\/|$)|.*\/\.|\.)[^\0-\x20\x7f~^:?*[\\]+(?<![/.])$/.test(name);
}

/**
 * The one rule for every branch name an input gives, whole or as one entry of a list: a leading
 * `refs/heads/` is accepted and dropped (workflows often pass github.ref); what is left must be a
 * name git accepts.
 */
export function branchName(input: string, value: string): string {
  const branch = value.replace(/^refs\/heads\//, '');
  if (!isBranchName(branch)) {
    throw new InputError(
      input,
      `${JSON.stringify(value)} is not a valid branch name`,
      'Give a branch name such as main or dev (a refs/heads/ prefix is dropped).',
    );
  }
  return branch;
}

// The rules each kind of input is held to, over a value already read: the helpers above read the
// runner's variable, the generated readers (inputReader below) add their action.yml default first.

interface IntegerRange {
  min?: number;
  max?: number;
}
interface ListOptions {
  commas?: boolean;
}
interface PathOptions {
  mustExist?: boolean;
  base?: string;
  kind?: 'file' | 'dir';
  allowRunnerTemp?: boolean;
}

function requiredValue(name: string, value: string, fix: string): string {
  if (!value) throw new InputError(name, 'is required but empty', fix);
  return value;
}

function enumValue<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T {
  if (value === undefined || value === '')
    throw new InputError(name, 'is required but empty', `Use one of: ${allowed.join(', ')}.`);
  if (!(allowed as readonly string[]).includes(value)) {
    throw new InputError(name, `unknown value ${JSON.stringify(value)}`, `Use one of: ${allowed.join(', ')}.`);
  }
  return value as T;
}

// The YAML 1.2 core-schema booleans, the same set @actions/core accepts.
const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];

function booleanValue(name: string, value: string, fallback: boolean): boolean {
  if (value === '') return fallback;
  if (TRUE.includes(value)) return true;
  if (FALSE.includes(value)) return false;
  throw new InputError(name, `${JSON.stringify(value)} is not a boolean`, 'Use true or false.');
}

function integerValue(name: string, value: string, range: IntegerRange): number {
  const n = Number(value);
  const { min = -Infinity, max = Infinity } = range;
  if (!/^-?\d+$/.test(value) || n < min || n > max) {
    const bounds = [Number.isFinite(min) ? `at least ${min}` : '', Number.isFinite(max) ? `at most ${max}` : '']
      .filter(Boolean)
      .join(' and ');
    throw new InputError(
      name,
      `${JSON.stringify(value)} is not a whole number${bounds ? ` ${bounds}` : ''}`,
      `Give a whole number${bounds ? ` ${bounds}` : ''}.`,
    );
  }
  return n;
}

function listValue(value: string, options: ListOptions): string[] {
  return value
    .split(options.commas === false ? /\r?\n/ : /[\r\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function keyValueValue(name: string, value: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of listValue(value, { commas: false })) {
    const eq = line.indexOf('=');
    if (eq <= 0)
      throw new InputError(name, `line ${JSON.stringify(line)} is not KEY=VALUE`, 'Write one KEY=VALUE a line.');
    out[line.slice(0, eq).trim()] = line.slice(eq + 1);
  }
  return out;
}

function pathValue(name: string, value: string, options: PathOptions): string {
  if (!value) throw new InputError(name, 'is required but empty', 'Give a path relative to the workspace.');
  return resolveInside(name, value, options);
}

/** What an action.yml declares about one input; `default` is absent when the runner computes it (`${{ … }}`). */
export interface InputSpec {
  readonly default?: string;
  readonly required?: boolean;
}

/** The inputs whose action.yml default is empty: only these may take a fallback computed at run time. */
type WithoutDefault<S> = { [K in keyof S]: S[K] extends { default: string } ? never : K }[keyof S] & string;

/**
 * The typed reader of one action's inputs, made by the action's inputs.generated.ts from its
 * action.yml (`pnpm run inputs`). Every read fills in the action.yml default as the runner does, so
 * a bundle started without INPUT_* variables (local-action, tests, the benchmark) behaves as on a
 * runner, and main.ts never repeats a default. The kinds are the helpers above; a `fallback` is
 * for a default action.yml cannot state (it depends on other inputs or the run).
 */
export function inputReader<S extends Record<string, InputSpec>>(spec: S) {
  type Name = keyof S & string;
  const raw = (name: Name): string => input(name) || spec[name]?.default || '';
  return {
    /** The text as given, or the action.yml default; '' when neither. */
    text: raw,
    /**
     * The text as given, even empty, where an empty value means "none" (no prune label, no branch
     * prefix); the default only when there is no INPUT_* variable at all (the bundle started bare).
     */
    textAsGiven: (name: Name): string =>
      process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] === undefined
        ? (spec[name]?.default ?? '')
        : input(name),
    required: (name: Name, fix: string): string => requiredValue(name, raw(name), fix),
    choice: <T extends string>(name: Name, allowed: readonly T[]): T => enumValue(name, raw(name), allowed),
    /** One of the allowed values, or the fallback (computed at run time) when the input and its default are empty. */
    choiceOr: <T extends string>(name: WithoutDefault<S>, allowed: readonly T[], fallback: T): T =>
      enumValue(name, raw(name) || fallback, allowed),
    /** true or false; false when the input and its default are empty. */
    boolean: (name: Name): boolean => booleanValue(name, raw(name), false),
    /** true or false, or the fallback (computed at run time) when the input and its default are empty. */
    booleanOr: (name: WithoutDefault<S>, fallback: boolean): boolean => booleanValue(name, raw(name), fallback),
    integer: (name: Name, range: IntegerRange = {}): number =>
      integerValue(name, requiredValue(name, raw(name), 'Give a whole number.'), range),
    list: (name: Name, options: ListOptions = {}): string[] => listValue(raw(name), options),
    keyValue: (name: Name): Record<string, string> => keyValueValue(name, raw(name)),
    branch: (name: Name): string => (raw(name) ? branchName(name, raw(name)) : ''),
    /** A branch name, or the fallback (computed at run time) when the input and its default are empty. */
    branchOr: (name: WithoutDefault<S>, fallback: string): string =>
      raw(name) ? branchName(name, raw(name)) : fallback,
    path: (name: Name, options: PathOptions = {}): string => pathValue(name, raw(name), options),
    /** A path, or the fallback (computed at run time) when the input and its default are empty. */
    pathOr: (name: WithoutDefault<S>, fallback: string, options: PathOptions = {}): string =>
      pathValue(name, raw(name) || fallback, options),
  };
}

/**
 * The stall limit of every network operation of the step (git, the API, the registry, Docker),
 * from the `network-timeout` input in seconds; the library's default when the action has none.
 */
export function applyNetworkTimeoutInput(name = 'network-timeout'): void {
  // Six hours is the longest a job may run on GitHub's runners: a longer limit is no limit.
  setNetworkLimits({
    stallSeconds: integerInput(name, networkLimits().stallSeconds, { min: 1, max: 21_600 }),
    input: name,
  });
}
