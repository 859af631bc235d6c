// Preflight: what an action can check before its first change, checked then. A step that tags,
// pushes or publishes and only then finds that it cannot write its outputs, its job summary or
// its checkout has changed the world and failed anyway; the user is left with a half state and
// a raw system error. Each check fails with the thing named and what to do about it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ActionError, InputError } from './errors.ts';

/** A folder the action writes into, and the input that chose it (named when it cannot be written). */
export interface WritePlace {
  input: string;
  dir: string;
  /** What the action writes there, for the message: "commits and tags". */
  what: string;
  /** Free space needed on its file system; 1 MiB by default (a commit, a tag, a list file). */
  minFreeBytes?: number;
}

export interface PreflightOptions {
  writes?: WritePlace[];
}

const MIB = 1024 * 1024;
/** Outputs and a summary are small; GitHub caps a step's summary at 1 MiB. */
const RUNNER_FILE_FREE = 64 * 1024;

function formatBytes(n: number): string {
  if (n >= MIB) return `${(n / MIB).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(0)} KiB`;
  return `${n} bytes`;
}

function freeBytes(p: string): number | null {
  try {
    const s = fs.statfsSync(p);
    return Number(s.bavail) * Number(s.bsize);
  } catch {
    return null;
  }
}

function reason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  switch (e.code) {
    case 'EROFS':
      return 'it is on a read-only file system';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder';
    case 'ENOENT':
      return 'its folder does not exist';
    case 'ENOTDIR':
      return 'a part of its path is not a folder';
    case 'ENOSPC':
      return 'the disk is full';
    default:
      return e.code ?? String(error);
  }
}

/**
 * The runner's files the action writes at its end (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY): opened
 * for appending (nothing is written) and their disk's free space looked at.
 */
export function checkRunnerFiles(env: NodeJS.ProcessEnv = process.env): void {
  for (const name of ['GITHUB_OUTPUT', 'GITHUB_STEP_SUMMARY'] as const) {
    const file = env[name];
    // Unset outside a runner: @actions/core then falls back to log commands, or writes no summary.
    if (!file) continue;
    const fix = `The runner creates this file for each step: check that no earlier step removed, replaced or re-mounted it (under act, that ${name} points to a writable file).`;
    try {
      fs.closeSync(fs.openSync(file, 'a'));
    } catch (error) {
      throw new ActionError(`${name} (${file}) cannot be written: ${reason(error)}. Nothing was changed. ${fix}`, {
        cause: error,
      });
    }
    const free = freeBytes(file);
    if (free !== null && free < RUNNER_FILE_FREE) {
      throw new ActionError(
        `${name} (${file}) cannot be written: only ${formatBytes(free)} free on its disk, ${formatBytes(RUNNER_FILE_FREE)} needed. Nothing was changed. Free disk space on the runner before this step.`,
      );
    }
  }
}

/** A folder the action will write into: it exists, can be written (a probe folder is made and removed), and has room. */
export function checkWritable(place: WritePlace): void {
  const { input, dir, what } = place;
  const need = place.minFreeBytes ?? MIB;
  try {
    fs.rmdirSync(fs.mkdtempSync(path.join(dir, '.preflight-')));
  } catch (error) {
    throw new InputError(
      input,
      `${dir} cannot be written (${reason(error)}), and the action writes ${what} there`,
      'Check out into a writable folder (the default workspace is), or point the input at one. Nothing was changed.',
    );
  }
  const free = freeBytes(dir);
  if (free !== null && free < need) {
    throw new InputError(
      input,
      `only ${formatBytes(free)} free on the disk of ${dir}, and the action writes ${what} there (needs at least ${formatBytes(need)})`,
      'Free disk space on the runner before this step (build output, Docker images, caches). Nothing was changed.',
    );
  }
}

/**
 * A git work tree at `dir` or above it, as git itself would find one (a `.git` folder, or the
 * `.git` file of a worktree or submodule), looked for before git is spawned or loaded: without
 * a checkout the step fails in a few file look-ups, with the fix named, instead of after a
 * round of git processes. With GIT_DIR set, git needs no `.git`, and git decides.
 */
export function checkCheckout(dir: string, env: NodeJS.ProcessEnv = process.env): void {
  if (env.GIT_DIR) return;
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, '.git'))) return;
    if (path.dirname(d) === d) break;
  }
  throw new ActionError(
    `${dir} is not a git work tree (no .git in it or in any folder above it). Add an actions/checkout step before this one, or point working-directory at the checked-out repository.`,
  );
}

/** Every check, in the order a user would fix them. Call it after the inputs are read and before the first change. */
export function preflight(options: PreflightOptions = {}): void {
  checkRunnerFiles();
  for (const place of options.writes ?? []) checkWritable(place);
}
