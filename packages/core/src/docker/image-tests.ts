// The image's own tool tests, run before anything is pushed. Each install step of an Exegol image
// appends a shell command to a file in the image; here a container of the image is started, idle,
// and every line runs in it through `docker exec` with the image's shell, a time limit and a
// bounded number at a time. Nothing is copied into the image: the host drives it.
//
// Exegol's own runner (run_tests.py, in the image until 2025) wrote each line to a file and ran
// `zsh -c 'autoload -Uz compinit; compinit; source ~/.zshrc; . <file>'`. The file matters: zsh
// parses a whole `-c` string before running any of it, so an alias that ~/.zshrc defines is
// unknown to a line in the same string, while a sourced file is parsed after ~/.zshrc ran.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as log from '../action/index.ts';
import { ActionError } from '../action/errors.ts';
import type { Docker } from './engine.ts';
import { platformString, type Platform } from './reference.ts';

import { type TestMode } from './test-presets.ts';

export * from './test-presets.ts';

export interface ImageTestOptions {
  image: string;
  platform: Platform;
  file: string;
  /** The shell and its options, e.g. `['zsh']`; each line runs as `<shell…> -c <line>`. */
  shell: string[];
  /** Text run before each command in the same shell (e.g. `source ~/.zshrc`). */
  prelude?: string;
  /** `file` (default): each line sourced from a file after the prelude; `inline`: one `-c` string. */
  mode?: TestMode;
  /** Commands that need a display: counted and listed, not run (see guiNote). */
  guiFile?: string;
  /** Where to write the failed, timed-out and passed logs (Exegol's three files); none when unset. */
  logDir?: string;
  timeoutMs: number;
  concurrency: number;
  /** What to do when the image has no test file. */
  onMissingFile: 'fail' | 'skip';
  /** Keep at most this much of each command's output (the end is kept). */
  maxOutputBytes?: number;
}

export type CommandStatus = 'passed' | 'failed' | 'timed-out';

export interface CommandResult {
  command: string;
  status: CommandStatus;
  exitCode: number;
  output: string;
  durationMs: number;
}

export interface ImageTestReport {
  file: string;
  shell: string;
  mode: TestMode;
  prelude?: string;
  /** The GUI commands found, not run, and why. */
  gui?: { file: string; commands: string[]; note: string };
  /** The three log files, when written. */
  logs?: { failed: string; timedOut: string; passed: string };
  /** Set when no test ran, and why. */
  skipped?: string;
  results: CommandResult[];
  passed: number;
  failed: number;
  timedOut: number;
  durationMs: number;
}

/** The lines of a test-command file that are commands: no blanks, no comments, each once. */
export function testCommands(text: string): string[] {
  const seen = new Set<string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line && !line.startsWith('#')) seen.add(line);
  }
  return [...seen];
}

/** Runs `fn` over `items` with at most `limit` at once, keeping the input order in the result. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  });
  await Promise.all(workers);
  return out;
}

function tail(text: string, max: number): string {
  if (Buffer.byteLength(text) <= max) return text;
  const buf = Buffer.from(text);
  return `[… ${buf.length - max} bytes cut …]\n${buf.subarray(buf.length - max).toString('utf8')}`;
}

// Prints the file with shell builtins only, so the image needs no `cat`; exit 3 = no such file.
const READ_FILE = '[ -f "$1" ] || exit 3; while IFS= read -r l || [ -n "$l" ]; do printf "%s\\n" "$l"; done < "$1"';
// Writes each argument after the first to `<prefix><n>`, with builtins only.
const WRITE_FILES = 'p=$1; shift; i=0; for l in "$@"; do i=$((i+1)); printf "%s\\n" "$l" > "$p$i" || exit 1; done';

/**
 * Why GUI commands are not run: Exegol added `unit_tests_gui_commands.txt` in September 2025,
 * after its build moved to a private repository; the runner that reads it is not public, so
 * how it judges an app that opens a window (and never exits) is unknown.
 */
export const GUI_NOTE =
  "not run: Exegol's runner for them is in its private pipeline tools (the file appeared in September 2025, after the build went private), so how it judged a window that never exits is not known; run them by hand under a display (e.g. xvfb-run) when needed";

/** Exegol's log format: the command, then its output. */
function logEntry(r: CommandResult): string {
  return `COMMAND: ${r.command}\n${r.status === 'timed-out' ? `└── TIMED OUT after ${(r.durationMs / 1000).toFixed(1)} s\n` : ''}└── OUTPUT (exit ${r.exitCode}):\n${r.output}${r.output.endsWith('\n') || !r.output ? '' : '\n'}`;
}

function writeLogs(dir: string, results: CommandResult[]): NonNullable<ImageTestReport['logs']> {
  fs.mkdirSync(dir, { recursive: true });
  const logs = {
    failed: path.join(dir, 'failed_commands.log'),
    timedOut: path.join(dir, 'timedout_commands.log'),
    passed: path.join(dir, 'success_commands.log'),
  };
  const pick = (s: CommandStatus) =>
    results
      .filter((r) => r.status === s)
      .map(logEntry)
      .join('');
  fs.writeFileSync(logs.failed, pick('failed'));
  fs.writeFileSync(logs.timedOut, pick('timed-out'));
  fs.writeFileSync(logs.passed, pick('passed'));
  return logs;
}

export async function testImage(docker: Docker, o: ImageTestOptions): Promise<ImageTestReport> {
  const started = performance.now();
  const shellText = o.shell.join(' ');
  const mode = o.mode ?? 'file';
  const name = `exegol-image-test-${crypto.randomBytes(4).toString('hex')}`;
  // An idle container: the shell reads its (open, empty) standard input forever. The image needs
  // no `sleep`, and its entrypoint does not run.
  const start = await docker.run(
    [
      'run',
      '--detach',
      '--interactive',
      '--name',
      name,
      '--label',
      'org.exegol-actions.role=image-test',
      '--platform',
      platformString(o.platform),
      '--entrypoint',
      o.shell[0]!,
      o.image,
    ],
    { allowFailure: true },
  );
  try {
    if (start.code !== 0) {
      const why = start.stderr.trim();
      if (/executable file not found|no such file or directory/i.test(why)) {
        throw new ActionError(
          `Input "test-shell": the image has no ${o.shell[0]} (${why.split('\n').pop()}). Set test-shell to a shell the image has (e.g. sh or bash).`,
          { input: 'test-shell' },
        );
      }
      throw new ActionError(`Could not start a test container of ${o.image}: ${why}`);
    }
    const read = await docker.run(['exec', name, ...o.shell, '-c', READ_FILE, o.shell[0]!, o.file], {
      allowFailure: true,
    });
    if (read.code === 3) {
      const msg = `the image has no test file ${o.file}`;
      if (o.onMissingFile === 'skip') {
        log.warning(`${msg}: tests skipped (test-file-missing is skip).`, { title: 'multi-arch-image-build' });
        return {
          file: o.file,
          shell: shellText,
          mode,
          prelude: o.prelude,
          skipped: msg,
          results: [],
          passed: 0,
          failed: 0,
          timedOut: 0,
          durationMs: performance.now() - started,
        };
      }
      throw new ActionError(
        `Input "test-file": ${msg}. Check the path, or set test-file-missing to skip for images without tests.`,
        { input: 'test-file' },
      );
    }
    if (read.code !== 0)
      throw new ActionError(
        `Could not read ${o.file} in the image with ${shellText}: ${(read.stderr || read.stdout).trim()}`,
      );
    const commands = testCommands(read.stdout);
    if (commands.length === 0)
      log.warning(`${o.file} holds no test command: nothing was tested.`, { title: 'multi-arch-image-build' });
    let gui: ImageTestReport['gui'];
    if (o.guiFile) {
      const g = await docker.run(['exec', name, ...o.shell, '-c', READ_FILE, o.shell[0]!, o.guiFile], {
        allowFailure: true,
      });
      if (g.code === 0) {
        const guiCommands = testCommands(g.stdout);
        if (guiCommands.length) {
          gui = { file: o.guiFile, commands: guiCommands, note: GUI_NOTE };
          log.notice(`${guiCommands.length} GUI command(s) in ${o.guiFile} ${GUI_NOTE}.`, {
            title: 'multi-arch-image-build',
          });
        }
      }
    }
    log.info(
      `${commands.length} command(s) from ${o.file}, ${o.concurrency} at a time, ${o.timeoutMs / 1000} s each, under ${shellText}${mode === 'file' ? ', each sourced from a file' : ''}${o.prelude ? ` after \`${o.prelude}\`` : ''}`,
    );
    const prefix = `/tmp/.exegol-actions-test-${crypto.randomBytes(4).toString('hex')}-`;
    if (mode === 'file' && commands.length) {
      const w = await docker.run(['exec', name, ...o.shell, '-c', WRITE_FILES, o.shell[0]!, prefix, ...commands], {
        allowFailure: true,
      });
      if (w.code !== 0)
        throw new ActionError(
          `Could not write the test commands to ${prefix}* in the image with ${shellText}: ${(w.stderr || w.stdout).trim()}. Set test-mode to inline for images without a writable /tmp.`,
          { input: 'test-mode' },
        );
    }
    if (o.prelude && commands.length) {
      // Once alone first: zsh's first compinit in a container writes ~/.zcompdump (seconds on a big
      // fpath); five lines doing it at once would spend their time limits on that, not the tool.
      const warm = await docker.run(['exec', name, ...o.shell, '-c', `exec 2>&1\n${o.prelude}`], {
        allowFailure: true,
        timeoutMs: o.timeoutMs,
      });
      const secs = ((warm.durationMs ?? 0) / 1000).toFixed(1);
      if (warm.code === 0) log.info(`prelude alone: ${secs} s`);
      else
        log.warning(
          `The test prelude alone ${warm.timedOut ? `timed out after ${secs} s` : `failed (exit ${warm.code})`}: ${tail(`${warm.stdout}${warm.stderr}`, 500).trim()}`,
          { title: 'multi-arch-image-build' },
        );
    }
    const max = o.maxOutputBytes ?? 16_384;
    const results = await mapLimit(commands, o.concurrency, async (command, index): Promise<CommandResult> => {
      // stderr joins stdout inside the shell, so the output reads in the order it was written.
      const body = mode === 'file' ? `. ${prefix}${index + 1}` : command;
      const script = ['exec 2>&1', o.prelude ?? '', body].filter(Boolean).join('\n');
      const r = await docker.run(['exec', name, ...o.shell, '-c', script], {
        allowFailure: true,
        timeoutMs: o.timeoutMs,
      });
      const status: CommandStatus = r.timedOut ? 'timed-out' : r.code === 0 ? 'passed' : 'failed';
      const secs = ((r.durationMs ?? 0) / 1000).toFixed(1);
      log.info(
        `${status === 'passed' ? '✔' : status === 'failed' ? '✘' : '⏱'} ${command}  (${status === 'failed' ? `exit ${r.code}, ` : ''}${secs} s)`,
      );
      return {
        command,
        status,
        exitCode: r.code,
        output: tail(`${r.stdout}${r.stderr}`, max),
        durationMs: r.durationMs ?? 0,
      };
    });
    const count = (s: CommandStatus) => results.filter((r) => r.status === s).length;
    const logs = o.logDir ? writeLogs(o.logDir, results) : undefined;
    return {
      file: o.file,
      shell: shellText,
      mode,
      prelude: o.prelude,
      gui,
      logs,
      results,
      passed: count('passed'),
      failed: count('failed'),
      timedOut: count('timed-out'),
      durationMs: performance.now() - started,
    };
  } finally {
    // Also ends commands that outlived their time limit: they run inside this container.
    await docker.run(['rm', '--force', name], { allowFailure: true });
  }
}
