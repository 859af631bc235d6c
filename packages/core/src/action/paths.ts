// The one containment rule for every path an action reads or writes: a path given in an input,
// a file a glob matched, a path read from a configuration file. What counts is where the path
// LEADS (its real path, symbolic links followed), not how it is spelled: `dist/notes.md` that
// is a link to /etc/passwd is outside the workspace. Links that stay inside are fine.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError, type SourceLocation } from './errors.ts';

export function workspace(): string {
  return path.resolve(process.env.GITHUB_WORKSPACE || process.cwd());
}

export interface InsideOptions {
  /** Where a relative value starts from; the workspace by default. */
  base?: string;
  mustExist?: boolean;
  /** What an existing path must be. */
  kind?: 'file' | 'dir';
  /**
   * RUNNER_TEMP is allowed too: for files a workflow writes in an earlier step and the action
   * only reads (release notes, a built list, a rules file).
   */
  allowRunnerTemp?: boolean;
  /** The workspace, when not GITHUB_WORKSPACE (a caller that was given it). */
  workspace?: string;
  /** Replaces the workspace (and RUNNER_TEMP) as the allowed roots, e.g. a temporary folder. */
  roots?: string[];
  /** Where the value was read from when it is not the input's own text: a config file and line. */
  location?: SourceLocation;
  /** How messages call the value, when it is not the input's whole text (`rule 2's file "…"`). */
  label?: string;
}

/** The real path of `p`; for a path that does not exist (yet), that of its nearest existing ancestor plus the rest. */
export function realPath(p: string): string {
  const rest: string[] = [];
  let dir = path.resolve(p);
  for (;;) {
    try {
      return path.join(fs.realpathSync.native(dir), ...rest);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A dangling link is a path that exists as a link: where it leads is read from the link.
      if (code === 'ENOENT') {
        const link = readLink(dir);
        if (link !== null)
          return realPath(path.resolve(path.dirname(dir), link)) + (rest.length ? path.sep + path.join(...rest) : '');
      } else if (code !== 'ENOTDIR') {
        throw error;
      }
      const parent = path.dirname(dir);
      if (parent === dir) return path.join(dir, ...rest);
      rest.unshift(path.basename(dir));
      dir = parent;
    }
  }
}

function readLink(p: string): string | null {
  try {
    return fs.readlinkSync(p);
  } catch {
    return null;
  }
}

function within(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith(`..${path.sep}`) && rel !== '..' && !path.isAbsolute(rel));
}

/** The allowed roots, each as written and as its real path (the workspace itself may sit behind a link). */
function allowedRoots(options: InsideOptions): string[] {
  const roots = options.roots ?? [
    options.workspace ?? workspace(),
    ...(options.allowRunnerTemp && process.env.RUNNER_TEMP ? [path.resolve(process.env.RUNNER_TEMP)] : []),
  ];
  return roots.flatMap((r) => [path.resolve(r), realPath(r)]);
}

/** Why `abs` is not allowed, or null when it is: the check behind every function below. */
export function outsideProblem(abs: string, options: InsideOptions = {}): string | null {
  const roots = allowedRoots(options);
  const where = options.roots
    ? 'the allowed folder'
    : options.allowRunnerTemp
      ? 'the workspace and RUNNER_TEMP'
      : 'the workspace';
  if (!roots.some((r) => within(r, abs))) return `is outside ${where} (${abs})`;
  let real: string;
  try {
    real = realPath(abs);
  } catch (error) {
    return `cannot be followed to a real path (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
  }
  if (!roots.some((r) => within(r, real)))
    return `leads outside ${where}: it is, or goes through, a symbolic link to ${real}`;
  return null;
}

function describe(value: string, options: InsideOptions): string {
  const loc = options.location;
  const file =
    loc &&
    (within(workspace(), path.resolve(loc.file)) ? path.relative(workspace(), path.resolve(loc.file)) : loc.file);
  const from = loc ? ` (${file}${loc.line ? ` line ${loc.line}` : ''})` : '';
  return `${options.label ?? JSON.stringify(value)}${from}`;
}

/**
 * Resolves `value` (relative to `base`, or absolute) and refuses it, naming `input`, when it or
 * where it leads is outside the allowed roots, when it must exist and does not, or when it is not
 * of the kind asked. Returns the absolute path as spelled (links kept, so names stay the user's).
 * A refused file is never opened: its content cannot reach a message.
 */
export function resolveInside(input: string, value: string, options: InsideOptions = {}): string {
  const abs = path.resolve(options.base ?? options.workspace ?? workspace(), value);
  const problem = outsideProblem(abs, options);
  const fixInside = options.allowRunnerTemp
    ? 'Give a path inside the checked-out repository or RUNNER_TEMP; symbolic links may only point inside them.'
    : 'Give a path inside the checked-out repository; symbolic links may only point inside it.';
  if (problem) throw new InputError(input, `${describe(value, options)} ${problem}`, fixInside, options.location);
  let stat: fs.Stats | null;
  try {
    stat = fs.statSync(abs);
  } catch {
    stat = null;
  }
  if (!stat) {
    if (options.mustExist)
      throw new InputError(
        input,
        `${describe(value, options)} does not exist`,
        'Check the path, and that the step runs after actions/checkout.',
        options.location,
      );
    return abs;
  }
  if (options.kind === 'dir' && !stat.isDirectory())
    throw new InputError(
      input,
      `${describe(value, options)} is not a folder`,
      'Give the path of a folder.',
      options.location,
    );
  if (options.kind === 'file' && !stat.isFile())
    throw new InputError(
      input,
      `${describe(value, options)} is not a file`,
      'Give the path of a file.',
      options.location,
    );
  return abs;
}

/** Files a glob matches, each checked by the containment rule; folders are skipped. */
export function globInside(input: string, pattern: string, options: InsideOptions & { base: string }): string[] {
  const out: string[] = [];
  for (const rel of fs.globSync(pattern, { cwd: options.base })) {
    const abs = resolveInside(input, rel, {
      ...options,
      label: `"${pattern}" matches ${JSON.stringify(rel)}, which`,
      mustExist: true,
    });
    if (fs.statSync(abs).isFile()) out.push(abs);
  }
  return out;
}
