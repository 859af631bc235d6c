// Getting images into a registry with the engine: login (password on standard input only),
// logout, and `docker push` retried on the failures a registry recovers from.
import * as log from '../action/index.ts';
import { ActionError } from '../action/index.ts';
import { CommandError } from '../exec/index.ts';
import { describeDockerLimit, dockerIdleMs, stallAdvice } from '../net/index.ts';
import type { Docker } from './engine.ts';
import { DOCKER_HUB } from './reference.ts';
import { transientByText, withRetry, RetriesExhausted, type RetryPolicy } from './retry.ts';

export interface RegistryLogin {
  registry: string;
  username: string;
  password: string;
}

/** Logs the engine's client in; returns the logout to run at the end, whatever happens. */
export async function login(docker: Docker, creds: RegistryLogin, policy: RetryPolicy): Promise<() => Promise<void>> {
  log.maskSecret(creds.password);
  const server = creds.registry === DOCKER_HUB ? [] : [creds.registry];
  await withRetry(
    `docker login ${creds.registry}`,
    policy,
    () =>
      docker.run(['login', ...server, '--username', creds.username, '--password-stdin'], {
        input: creds.password,
        secrets: [creds.password],
      }),
    (e) => (e instanceof CommandError ? transientByText(e.result.stderr) : { retry: false, reason: String(e) }),
  ).catch((e: unknown) => {
    const text = e instanceof CommandError ? e.result.stderr.trim() : e instanceof Error ? e.message : String(e);
    throw new ActionError(
      `Input "registry-username": login to ${creds.registry} failed: ${text}. Check the user name and the password or token (and its scopes).`,
      { input: 'registry-username' },
    );
  });
  log.info(`logged in to ${creds.registry} as ${creds.username}`);
  return async () => {
    await docker.run(['logout', ...server], { allowFailure: true });
    log.info(`logged out of ${creds.registry}`);
  };
}

export interface PushResult {
  digest: string;
  size: number;
  attempts: number;
}

/** Parses `<tag>: digest: sha256:… size: 1234` from `docker push`. */
export function pushedDigest(output: string): { digest: string; size: number } | undefined {
  const m = /digest: (sha256:[0-9a-f]{64}) size: (\d+)/.exec(output);
  return m ? { digest: m[1]!, size: Number(m[2]) } : undefined;
}

export async function pushImage(docker: Docker, ref: string, policy: RetryPolicy): Promise<PushResult> {
  let attempts = 0;
  try {
    const res = await withRetry(
      `docker push ${ref}`,
      policy,
      async (attempt) => {
        attempts = attempt;
        // A push of the same image is safe to repeat: a stalled one is killed and tried again.
        return docker.run(['push', ref], { onLine: (l) => log.info(l), idleTimeoutMs: dockerIdleMs() });
      },
      (e) =>
        e instanceof CommandError
          ? e.result.idle
            ? { retry: true, reason: `docker printed nothing for ${describeDockerLimit()}` }
            : transientByText(`${e.result.stderr}\n${e.result.stdout}`)
          : { retry: false, reason: String(e) },
    );
    const pushed = pushedDigest(res.stdout);
    if (!pushed)
      throw new ActionError(
        `docker push ${ref} ended without printing the pushed digest:\n${res.stdout.trim().split('\n').slice(-5).join('\n')}`,
      );
    return { ...pushed, attempts };
  } catch (e) {
    if (e instanceof ActionError) throw e;
    const inner = e instanceof RetriesExhausted ? e.cause : e;
    const text =
      inner instanceof CommandError
        ? (inner.result.stderr || inner.result.stdout).trim().split('\n').slice(-3).join(' ')
        : String(inner);
    if (inner instanceof CommandError && inner.result.idle) {
      throw new ActionError(
        `Pushing ${ref} stalled${e instanceof RetriesExhausted ? ` ${e.attempts} time(s)` : ''}: docker printed nothing for ${describeDockerLimit()}. ${stallAdvice()}`,
      );
    }
    const hint = /denied|unauthorized|authentication required/i.test(text)
      ? 'The registry refused the credentials: give registry-username and registry-password that may push to this repository.'
      : /name unknown|repository name not known/i.test(text)
        ? 'The repository does not exist on the registry: create it, or check the image name.'
        : e instanceof RetriesExhausted
          ? `The registry kept failing after ${e.attempts} attempts: retry later, or raise retries.`
          : 'See the push log above.';
    throw new ActionError(
      `Pushing ${ref} failed${e instanceof RetriesExhausted ? ` ${e.attempts} time(s)` : ''}: ${text}. ${hint}`,
    );
  }
}
