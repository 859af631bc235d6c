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
  const value = input(name);
  if (!value) throw new InputError(name, 'is required but empty', fix);
  return value;
}

export function enumInput<T extends string>(name: string, allowed: readonly T[], fallback?: T): T {
  const value = input(name) || fallback;
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

export function booleanInput(name: string, fallback = false): boolean {
  const value = input(name);
  if (value === '') return fallback;
  if (TRUE.includes(value)) return true;
  if (FALSE.includes(value)) return false;
  throw new InputError(name, `${JSON.stringify(value)} is not a boolean`, 'Use true or false.');
}

export function integerInput(name: string, fallback: number, range: { min?: number; max?: number } = {}): number {
  const value = input(name);
  if (value === '') return fallback;
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

/**
 * One item a line, or separated by commas; blanks and surrounding spaces dropped. With
 * `{ commas: false }` only lines separate items (for values that contain commas).
 */
export function listInput(name: string, options: { commas?: boolean } = {}): string[] {
  return input(name)
    .split(options.commas === false ? /\r?\n/ : /[\r\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** `KEY=VALUE`, one a line (values may hold `=` and commas); a line without `=` is an error. */
export function keyValueInput(name: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of listInput(name, { commas: false })) {
    const eq = line.indexOf('=');
    if (eq <= 0)
      throw new InputError(name, `line ${JSON.stringify(line)} is not KEY=VALUE`, 'Write one KEY=VALUE a line.');
    out[line.slice(0, eq).trim()] = line.slice(eq + 1);
  }
  return out;
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

/** A branch name (see branchName), or the fallback when the input is empty. */
export function branchInput(name: string, fallback = ''): string {
  const value = input(name);
  if (!value) return fallback;
  return branchName(name, value);
}

/**
 * A path input, held to the containment rule (see paths.ts): inside the workspace (or RUNNER_TEMP
 * with `allowRunnerTemp`), wherever its symbolic links lead.
 */
export function pathInput(
  name: string,
  options: {
    fallback?: string;
    mustExist?: boolean;
    base?: string;
    kind?: 'file' | 'dir';
    allowRunnerTemp?: boolean;
  } = {},
): string {
  const value = input(name) || options.fallback || '';
  if (!value) throw new InputError(name, 'is required but empty', 'Give a path relative to the workspace.');
  return resolveInside(name, value, options);
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
