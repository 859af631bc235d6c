// Every external command in the toolkit goes through here: an argument array, never a shell
// string, so no value can be re-interpreted by a shell, and secrets can be redacted from the
// one place that reports failures.
import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';

export interface RunOptions {
  cwd?: string;
  /** Added to the process environment (a value of `undefined` removes the variable). */
  env?: Record<string, string | undefined>;
  input?: string | Buffer;
  /** Return a non-zero exit (or a time-out) instead of throwing. */
  allowFailure?: boolean;
  /** Values to cut out of any error message (tokens, keys). */
  secrets?: string[];
  /** Kill the command (SIGKILL) after this long; the result then says `timedOut`. */
  timeoutMs?: number;
  /**
   * Kill the command when it has printed nothing on either stream for this long: for a transfer
   * that reports progress (docker push and pull), a stall. The result then says `timedOut` and `idle`.
   */
  idleTimeoutMs?: number;
  /** Each complete line of output as it arrives, for logs that must not wait for the end (builds). */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  /** The command was killed at `timeoutMs` (or `idleTimeoutMs`); `code` is then -1. */
  timedOut?: boolean;
  /** Killed because it printed nothing for `idleTimeoutMs`. */
  idle?: boolean;
  idleMs?: number;
  durationMs?: number;
}

export class CommandError extends Error {
  constructor(
    readonly command: string,
    readonly result: RunResult,
  ) {
    const detail = (result.stderr.trim() || result.stdout.trim()).split('\n').slice(-12).join('\n');
    const what = result.idle
      ? `printed nothing for ${((result.idleMs ?? 0) / 1000).toFixed(0)} s and was stopped`
      : result.timedOut
        ? `timed out after ${((result.durationMs ?? 0) / 1000).toFixed(1)} s`
        : `failed (exit ${result.code})`;
    super(`${command} ${what}${detail ? `:\n${detail}` : ''}`);
    this.name = 'CommandError';
  }

  /** The one line of the command's output that says why it failed (see `reasonLine`). */
  get reason(): string {
    return reasonLine(this.result.stderr || this.result.stdout) || this.message.split('\n')[0]!;
  }
}

/**
 * The line of a failed command's output that says why: for git, what the server said
 * (`remote: error: …`), then a refused ref (`! [rejected] … (would clobber existing tag)`), then
 * `fatal:`, then `error:`; otherwise the last line. Progress and hints are passed over.
 */
export function reasonLine(text: string): string {
  const lines = text
    .split(/\r?\n|\r/)
    .map((l) => l.trim())
    .filter((l) => l && !/^hint:/.test(l));
  const first = (re: RegExp) => lines.find((l) => re.test(l));
  return (
    first(/^remote: (error|fatal):/i) ??
    first(/^! \[(remote )?rejected\]/) ??
    first(/^fatal:/) ??
    first(/^error:/) ??
    lines.pop() ??
    ''
  );
}

export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join('***');
  return out;
}

/** Collects one stream as text and, when asked, hands on each complete line as it arrives. */
function collector(stream: 'stdout' | 'stderr', onLine: RunOptions['onLine']) {
  const decoder = new StringDecoder('utf8');
  let text = '';
  let pending = '';
  return {
    push(chunk: Buffer): void {
      const s = decoder.write(chunk);
      text += s;
      if (!onLine) return;
      pending += s;
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const l of lines) onLine(l.replace(/\r$/, ''), stream);
    },
    end(): string {
      const rest = decoder.end();
      text += rest;
      if (onLine && (pending + rest).length) onLine(pending + rest, stream);
      return text;
    },
  };
}

export async function run(tool: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, ...options.env })) if (v !== undefined) env[k] = v;
  const started = performance.now();
  const out = collector('stdout', options.onLine);
  const err = collector('stderr', options.onLine);
  const { code, timedOut, idle } = await new Promise<{ code: number; timedOut: boolean; idle: boolean }>(
    (resolve, reject) => {
      const child = spawn(tool, [...args], { cwd: options.cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
      let killed = false;
      let idle = false;
      const timer =
        options.timeoutMs !== undefined
          ? setTimeout(() => {
              killed = true;
              child.kill('SIGKILL');
            }, options.timeoutMs)
          : undefined;
      let idleTimer: NodeJS.Timeout | undefined;
      const rearm = () => {
        if (options.idleTimeoutMs === undefined) return;
        clearTimeout(idleTimer);
        idleTimer = setTimeout(() => {
          killed = idle = true;
          child.kill('SIGKILL');
        }, options.idleTimeoutMs);
      };
      rearm();
      child.stdout.on('data', (d: Buffer) => {
        rearm();
        out.push(d);
      });
      child.stderr.on('data', (d: Buffer) => {
        rearm();
        err.push(d);
      });
      child.on('error', (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        clearTimeout(idleTimer);
        reject(e.code === 'ENOENT' ? new Error(`${tool}: command not found (is it installed and on PATH?)`) : e);
      });
      child.on('close', (c) => {
        clearTimeout(timer);
        clearTimeout(idleTimer);
        resolve({ code: killed ? -1 : (c ?? -1), timedOut: killed, idle });
      });
      // A command that exits without reading its input closes the pipe early: not an error here.
      child.stdin.on('error', () => {});
      child.stdin.end(options.input === undefined ? undefined : Buffer.from(options.input));
    },
  );
  const result: RunResult = { code, stdout: out.end(), stderr: err.end(), durationMs: performance.now() - started };
  if (timedOut) result.timedOut = true;
  if (idle) {
    result.idle = true;
    result.idleMs = options.idleTimeoutMs;
  }
  if (result.code !== 0 && !options.allowFailure) throw commandError(tool, args, result, options.secrets);
  return result;
}

/** The error `run` throws for a failed result, for a caller that looked at the result first. */
export function commandError(
  tool: string,
  args: readonly string[],
  result: RunResult,
  secrets: readonly string[] = [],
): CommandError {
  // Only the first two words of the command are named: later arguments may carry user data.
  const shown = [tool, ...args.slice(0, 2)].join(' ');
  return new CommandError(redact(shown, secrets), {
    ...result,
    stdout: redact(result.stdout, secrets),
    stderr: redact(result.stderr, secrets),
  });
}
