// Every external command in the toolkit goes through here: an argument array, never a shell
// string, so no value can be re-interpreted by a shell, and secrets can be redacted from the
// one place that reports failures.

export interface RunOptions {
  cwd?: string;
  /** Added to the process environment (a value of `undefined` removes the variable). */
  env?: Record<string, string | undefined>;
  input?: string | Buffer;
  /** Return a non-zero exit instead of throwing. */
  allowFailure?: boolean;
  /** Values to cut out of any error message (tokens, keys). */
  secrets?: string[];
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export class CommandError extends Error {
  constructor(
    readonly command: string,
    readonly result: RunResult,
  ) {
    const detail = (result.stderr.trim() || result.stdout.trim()).split('\n').slice(-12).join('\n');
    super(`${command} failed (exit ${result.code})${detail ? `:\n${detail}` : ''}`);
    this.name = 'CommandError';
  }
}

export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join('***');
  return out;
}

export async function run(tool: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, ...options.env })) if (v !== undefined) env[k] = v;
  // Loaded on first use: an action that fails on its inputs never pays for it.
  const { getExecOutput } = await import('@actions/exec');
  const out = await getExecOutput(tool, [...args], {
    cwd: options.cwd,
    env,
    input: options.input === undefined ? undefined : Buffer.from(options.input),
    silent: true,
    ignoreReturnCode: true,
  });
  const result: RunResult = { code: out.exitCode, stdout: out.stdout, stderr: out.stderr };
  if (result.code !== 0 && !options.allowFailure) {
    const secrets = options.secrets ?? [];
    // Only the first two words of the command are named: later arguments may carry user data.
    const shown = [tool, ...args.slice(0, 2)].join(' ');
    throw new CommandError(redact(shown, secrets), {
      code: result.code,
      stdout: redact(result.stdout, secrets),
      stderr: redact(result.stderr, secrets),
    });
  }
  return result;
}
