// The image's own tool tests, run before anything is pushed. Each install step of an Exegol image
// appends a shell command to a file in the image; here a container of the image is started, idle,
// and every line runs in it through `docker exec` with the image's shell, a time limit and a
// bounded number at a time. Nothing is copied into the image: the host drives it.
import * as crypto from 'node:crypto';
import * as log from '../action/index.ts';
import { ActionError } from '../action/errors.ts';
import type { Docker } from './engine.ts';
import { platformString, type Platform } from './reference.ts';

export const DEFAULT_TEST_FILE = '/.exegol/unit_tests_all_commands.txt';

export interface ImageTestOptions {
  image: string;
  platform: Platform;
  file: string;
  /** The shell and its options, e.g. `['zsh']`; each line runs as `<shell…> -c <line>`. */
  shell: string[];
  /** Text run before each command in the same shell (e.g. `source /opt/.exegol_aliases`). */
  prelude?: string;
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
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
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

export async function testImage(docker: Docker, o: ImageTestOptions): Promise<ImageTestReport> {
  const started = performance.now();
  const shellText = o.shell.join(' ');
  const name = `exegol-image-test-${crypto.randomBytes(4).toString('hex')}`;
  // An idle container: the shell reads its (open, empty) standard input forever. The image needs
  // no `sleep`, and its entrypoint does not run.
  const start = await docker.run(
    ['run', '--detach', '--interactive', '--name', name, '--label', 'org.exegol-actions.role=image-test', '--platform', platformString(o.platform), '--entrypoint', o.shell[0]!, o.image],
    { allowFailure: true },
  );
  try {
    if (start.code !== 0) {
      const why = start.stderr.trim();
      if (/executable file not found|no such file or directory/i.test(why)) {
        throw new ActionError(`Input "test-shell": the image has no ${o.shell[0]} (${why.split('\n').pop()}). Set test-shell to a shell the image has (e.g. sh or bash).`, { input: 'test-shell' });
      }
      throw new ActionError(`Could not start a test container of ${o.image}: ${why}`);
    }
    const read = await docker.run(['exec', name, ...o.shell, '-c', READ_FILE, o.shell[0]!, o.file], { allowFailure: true });
    if (read.code === 3) {
      const msg = `the image has no test file ${o.file}`;
      if (o.onMissingFile === 'skip') {
        log.warning(`${msg}: tests skipped (test-file-missing is skip).`, { title: 'multi-arch-image-build' });
        return { file: o.file, shell: shellText, skipped: msg, results: [], passed: 0, failed: 0, timedOut: 0, durationMs: performance.now() - started };
      }
      throw new ActionError(`Input "test-file": ${msg}. Check the path, or set test-file-missing to skip for images without tests.`, { input: 'test-file' });
    }
    if (read.code !== 0) throw new ActionError(`Could not read ${o.file} in the image with ${shellText}: ${(read.stderr || read.stdout).trim()}`);
    const commands = testCommands(read.stdout);
    if (commands.length === 0) log.warning(`${o.file} holds no test command: nothing was tested.`, { title: 'multi-arch-image-build' });
    log.info(`${commands.length} command(s) from ${o.file}, ${o.concurrency} at a time, ${o.timeoutMs / 1000} s each, under ${shellText}`);
    const max = o.maxOutputBytes ?? 16_384;
    const results = await mapLimit(commands, o.concurrency, async (command): Promise<CommandResult> => {
      // stderr joins stdout inside the shell, so the output reads in the order it was written.
      const script = ['exec 2>&1', o.prelude ?? '', command].filter(Boolean).join('\n');
      const r = await docker.run(['exec', name, ...o.shell, '-c', script], { allowFailure: true, timeoutMs: o.timeoutMs });
      const status: CommandStatus = r.timedOut ? 'timed-out' : r.code === 0 ? 'passed' : 'failed';
      const secs = ((r.durationMs ?? 0) / 1000).toFixed(1);
      log.info(`${status === 'passed' ? '✔' : status === 'failed' ? '✘' : '⏱'} ${command}  (${status === 'failed' ? `exit ${r.code}, ` : ''}${secs} s)`);
      return { command, status, exitCode: r.code, output: tail(`${r.stdout}${r.stderr}`, max), durationMs: r.durationMs ?? 0 };
    });
    const count = (s: CommandStatus) => results.filter((r) => r.status === s).length;
    return {
      file: o.file,
      shell: shellText,
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
