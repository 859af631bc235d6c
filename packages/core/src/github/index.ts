// The one GitHub client of every action, and the words for its failures.
//
// Octokit, undici and the plugins are loaded by `await import()` inside getGitHubClient: parsing
// them costs ~150 ms at start-up, which an action that stops on an invalid input must not pay.
// Only types are imported statically (erased at build).
import { format } from 'node:util';
import type { getOctokit } from '@actions/github';
import { ActionError } from '../action/errors.ts';
import { connectionMessage, hostOf, limitedFetch, networkFailureKind, NetworkError } from '../net/index.ts';

export type GitHubClient = ReturnType<typeof getOctokit>;

export interface GitHubClientOptions {
  token: string;
  /** API base URL. Default: `GITHUB_API_URL` (set by the runner, GHES included), else api.github.com. */
  baseUrl?: string;
  /** Retries after a primary or secondary rate limit, each after the wait GitHub asks for. Default 2. */
  rateLimitRetries?: number;
  /**
   * Retries after a 5xx answer (waits 1 s, 4 s, 9 s). Default 3. A stall or a failed connection
   * is retried once, and only for GET and HEAD (see `network-timeout`).
   */
  serverErrorRetries?: number;
  /**
   * Space writes 1 s apart (3 s for those that notify), as GitHub asks of API clients to avoid
   * secondary rate limits. Default: on, except for an API on a loopback address (the test double).
   */
  pace?: boolean;
}

const PUBLIC_API = 'https://api.github.com';

export async function getGitHubClient(options: GitHubClientOptions): Promise<GitHubClient> {
  if (!options.token) {
    throw new Error(
      'No GitHub token: pass one as the `github-token` input (the default `${{ github.token }}` works for most steps).',
    );
  }
  const [{ getOctokit }, { defaults }, { retry }, { throttling }, core, { logText, maskSecret }] = await Promise.all([
    import('@actions/github'),
    import('@actions/github/lib/utils'),
    import('@octokit/plugin-retry'),
    import('@octokit/plugin-throttling'),
    import('@actions/core'),
    import('../action/index.ts'),
  ]);
  maskSecret(options.token);

  const baseUrl = (options.baseUrl ?? process.env.GITHUB_API_URL ?? PUBLIC_API).replace(/\/+$/, '');
  const rateLimitRetries = options.rateLimitRetries ?? 2;
  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
      if (retryCount >= rateLimitRetries) {
        core.warning(
          `GitHub ${kind} rate limit on ${request.method} ${request.url}: giving up after ${retryCount} retries.`,
        );
        return false;
      }
      core.warning(
        `GitHub ${kind} rate limit on ${request.method} ${request.url}: retrying in ${retryAfter} s (${retryCount + 1}/${rateLimitRetries}).`,
      );
      return true;
    };

  // The stall limit on every request. A stalled or unreachable API is retried once here for a
  // request safe to repeat (GET, HEAD), then surfaces as a NetworkError. Octokit passes an error
  // named AbortError through as it is, and the retry plugin leaves it alone: sending a POST twice
  // after a stall could make two releases or two pull requests, and a re-run completes the work.
  const proxyFetch = (defaults.request as { fetch?: typeof fetch } | undefined)?.fetch;
  const fetchWithLimits = async (url: string | URL, init: RequestInit = {}): Promise<Response> => {
    try {
      return await limitedFetch(url, init, {
        fetch: proxyFetch,
        service: 'the GitHub API',
        source: options.baseUrl ? `the API URL ${baseUrl}` : `GITHUB_API_URL (${baseUrl})`,
        onRetry: (reason) =>
          core.info(logText(`${(init.method ?? 'GET').toUpperCase()} ${String(url)}: ${reason}; trying once more.`)),
      });
    } catch (error) {
      if (error instanceof NetworkError) Object.defineProperty(error, 'name', { value: 'AbortError' });
      throw error;
    }
  };

  const octokit = getOctokit(
    options.token,
    {
      baseUrl,
      request: { fetch: fetchWithLimits },
      // Octokit logs `(message, ...details)`; core.warning's second argument is an annotation.
      log: {
        debug: (...args: unknown[]) => core.debug(format(...args)),
        info: (...args: unknown[]) => core.info(logText(format(...args))),
        warn: (...args: unknown[]) => core.warning(format(...args)),
        error: (...args: unknown[]) => core.error(format(...args)),
      },
      // Rate limits (403/429) belong to the throttling plugin, which honours GitHub's wait;
      // the retry plugin takes 5xx and network failures only.
      retry: { retries: options.serverErrorRetries ?? 3, doNotRetry: [400, 401, 403, 404, 409, 410, 422, 429, 451] },
      throttle: {
        onRateLimit: onLimit('primary'),
        onSecondaryRateLimit: onLimit('secondary'),
        ...((options.pace ?? !isLoopback(baseUrl)) ? {} : await unpacedGroups()),
      },
    },
    retry,
    throttling,
  );

  // Octokit sends uploadReleaseAsset to uploads.github.com unless given the release's
  // upload_url; on GHES (and the double) uploads live beside the API instead.
  if (baseUrl !== PUBLIC_API) {
    const uploadsUrl = baseUrl.endsWith('/api/v3')
      ? `${baseUrl.slice(0, -'/v3'.length)}/uploads`
      : `${baseUrl}/uploads`;
    octokit.hook.before('request', (request) => {
      if (request.baseUrl === 'https://uploads.github.com') request.baseUrl = uploadsUrl;
    });
  }
  return octokit;
}

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '[::1]' || host.startsWith('127.');
}

/** Throttling groups without the minimum time between writes (the plugin's defaults have it). */
async function unpacedGroups() {
  const { default: Bottleneck } = await import('bottleneck/light.js');
  return {
    write: new Bottleneck.Group({ maxConcurrent: 1 }),
    notifications: new Bottleneck.Group({ maxConcurrent: 1 }),
    search: new Bottleneck.Group({ maxConcurrent: 1 }),
  };
}

/** Splits `owner/name` (e.g. the `repository` input), refusing anything GitHub could not name. */
export function parseRepository(value: string): { owner: string; repo: string } {
  const m = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/.exec(value.trim());
  if (!m || m[2] === '.' || m[2] === '..' || m[2]!.endsWith('.git')) {
    throw new Error(
      `Invalid repository "${value}": expected "owner/name", like "ThePorgs/Exegol" (no URL, no .git suffix).`,
    );
  }
  return { owner: m[1]!, repo: m[2]! };
}

interface HttpErrorLike {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | undefined>; data?: unknown };
}

/**
 * One sentence a maintainer can act on, for an error thrown by the client: which permission to
 * add to the workflow for a 403, what a 401 or a 404 usually means, GitHub's own details for a 422.
 */
export interface DescribeOptions {
  /** What was being done, after "Could not". */
  operation: string;
  /**
   * The access the whole step needs, GitHub's spelling (`{ pull_requests: 'write' }`). A 403 on a
   * read made before the write then asks for the write at once, not one permission per re-run.
   */
  needs?: Record<string, 'read' | 'write'>;
}

export function describeGitHubError(error: unknown, { operation, needs = {} }: DescribeOptions): string {
  const err = (error ?? {}) as HttpErrorLike;
  const data = (err.response?.data ?? {}) as { message?: string; errors?: Array<Record<string, unknown> | string> };
  const githubMessage = data.message ?? err.message ?? String(error);
  // Octokit gives a failed connection the status 500 although no server answered: the cause
  // decides, before any status is read.
  if (!err.response && (error instanceof NetworkError || networkFailureKind(error))) {
    if (error instanceof NetworkError) return `Could not ${operation}: ${error.message}`;
    const url = (error as { request?: { url?: string } }).request?.url;
    return `Could not ${operation}: ${connectionMessage(networkFailureKind(error)!, url ? hostOf(url) : 'the GitHub API', 'the GitHub API', url ? `GITHUB_API_URL (${new URL(url).origin})` : undefined)}`;
  }
  const status = err.status;
  if (typeof status !== 'number') return `Could not ${operation}: ${err.message ?? String(error)}`;

  if (status === 401) {
    return `Could not ${operation}: GitHub rejected the token (401 Bad credentials). It is wrong, expired or revoked: check the secret passed as the token input.`;
  }
  if (status === 403 || status === 429) {
    const accepted = err.response?.headers?.['x-accepted-github-permissions'];
    if (accepted) return describeMissingPermission(operation, accepted, needs);
    if (/rate limit/i.test(githubMessage)) {
      return `Could not ${operation}: GitHub's rate limit still applied after the retries (${githubMessage}). Re-run the job later.`;
    }
    return `Could not ${operation}: GitHub refused it (${status} ${githubMessage}). The token may lack a permission, or a repository rule may forbid it.`;
  }
  if (status === 404) {
    return `Could not ${operation}: not found, or the token cannot see it (GitHub answers 404 rather than 403 when a token has no access to a private repository). Check the names and the token's access.`;
  }
  if (status === 422) {
    const details = (data.errors ?? [])
      .map((e) =>
        typeof e === 'string'
          ? e
          : typeof e.message === 'string'
            ? e.message
            : [e.resource, e.field, e.code].filter(Boolean).join(' '),
      )
      .join('; ');
    return `Could not ${operation}: GitHub refused the request (422 ${githubMessage}${details ? `: ${details}` : ''}).`;
  }
  if (status >= 500) {
    return `Could not ${operation}: GitHub answered ${status} (${githubMessage}) even after retries; this is on GitHub's side, re-run the job later.`;
  }
  return `Could not ${operation}: GitHub answered ${status} (${githubMessage}).`;
}

/**
 * `x-accepted-github-permissions: contents=read,pull_requests=write; issues=write` lists
 * alternatives (`;`) of permissions needed together (`,`). Workflows spell them with hyphens.
 */
function describeMissingPermission(
  operation: string,
  accepted: string,
  needs: Record<string, 'read' | 'write'>,
): string {
  const alternatives = accepted
    .split(';')
    .map((alt) =>
      alt
        .split(',')
        .map((item) => item.trim().split('='))
        .filter((pair): pair is [string, string] => pair.length === 2)
        .map(([name, access]) => `${name.replace(/_/g, '-')}: ${needs[name] === 'write' ? 'write' : access}`),
    )
    .filter((set) => set.length);
  // A flow mapping, so the line pastes into a workflow as it is (`permissions: contents: write` is not YAML).
  const yaml = (set: string[]) => `\`permissions: { ${set.join(', ')} }\``;
  const [first, ...others] = alternatives;
  if (!first) return `Could not ${operation}: the token lacks a permission (GitHub accepts: ${accepted}).`;
  const or = others.length ? ` (or ${others.map(yaml).join(', or ')})` : '';
  return (
    `Could not ${operation}: the token lacks the ${first.map((p) => `"${p}"`).join(' and ')} permission. ` +
    `Add ${yaml(first)}${or} to the job that runs this step (a job's permissions replace the defaults, so keep the others it needs); ` +
    `a personal access token needs the same repository permission.`
  );
}

// One pull request per head branch: a bot that proposes the same kind of change again (a monthly
// update, a regenerated list) finds its open pull request and updates it instead of opening a
// second one.

export interface OpenOrUpdatePullRequestOptions {
  /** `owner/name`. */
  repository: string;
  /** The branch with the changes, in the same repository. */
  head: string;
  base: string;
  title: string;
  body: string;
  /** Added when missing; labels already on the pull request stay. */
  labels?: readonly string[];
  /** Only for a pull request this call opens. */
  draft?: boolean;
}

/** What a pull request proposes, without where (repository) or how it is marked (labels). */
export type PullRequestChange = Pick<OpenOrUpdatePullRequestOptions, 'base' | 'head' | 'title' | 'body'>;

export interface PullRequestRef {
  number: number;
  url: string;
  /** `created`; `updated` (title or body changed); `unchanged`. Labels added do not count. */
  operation: 'created' | 'updated' | 'unchanged';
  labelsAdded: string[];
  /** Who opened it. */
  author: string;
  /**
   * False when it was opened with a workflow's GITHUB_TOKEN (author github-actions[bot]): GitHub
   * starts no workflow for events that token causes, so the pull request's checks will not run.
   */
  triggersWorkflows: boolean;
}

/**
 * Opens (or finds) the pull request for a head branch already pushed. When that fails (a stall, a
 * 5xx after retries, a missing permission) the branch stays pushed, and the error says so: a
 * re-run finds the branch, opens the pull request from it and says it completed an earlier run.
 */
export async function completingPullRequest<T>(head: string, open: () => Promise<T>): Promise<T> {
  try {
    return await open();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ActionError(
      `${message.replace(/\s*$/, '')} The branch ${head} is pushed without its pull request: running the job again opens the pull request from it, without a second commit.`,
      { cause: error },
    );
  }
}

/** The summary's line for a re-run that opened the pull request an earlier run did not. */
export function completedNote(head: string, number: number): string {
  return `Completed an earlier run: branch ${head} was already pushed with this change but had no pull request; opened #${number} from it.`;
}

export async function openOrUpdatePullRequest(
  client: GitHubClient,
  options: OpenOrUpdatePullRequestOptions,
): Promise<PullRequestRef> {
  const { owner, repo } = parseRepository(options.repository);
  const find = async () => {
    // `head` must carry the owner: without it GitHub ignores the filter and lists every PR.
    const { data } = await client.rest.pulls.list({
      owner,
      repo,
      state: 'open',
      head: `${owner}:${options.head}`,
      base: options.base,
      per_page: 10,
    });
    return data[0] ?? null;
  };

  let existing = await find();
  let operation: PullRequestRef['operation'];
  let pr: PullRequestData;
  if (existing) {
    operation = 'unchanged';
    pr = existing;
  } else {
    try {
      const { data } = await client.rest.pulls.create({
        owner,
        repo,
        head: options.head,
        base: options.base,
        title: options.title,
        body: options.body,
        draft: options.draft,
      });
      return { ...(await addLabels(client, owner, repo, data, options.labels)), operation: 'created' };
    } catch (error) {
      // Another run opened it between the look-up and the creation: update that one.
      if ((error as { status?: number }).status !== 422 || !(existing = await find())) throw error;
      operation = 'unchanged';
      pr = existing;
    }
  }
  if (existing && ((existing.title ?? '') !== options.title || (existing.body ?? '') !== options.body)) {
    const { data } = await client.rest.pulls.update({
      owner,
      repo,
      pull_number: existing.number,
      title: options.title,
      body: options.body,
    });
    pr = data;
    operation = 'updated';
  }
  return { ...(await addLabels(client, owner, repo, pr, options.labels)), operation };
}

type PullRequestData = {
  number: number;
  html_url: string;
  labels: { name?: string }[];
  user: { login: string } | null;
};

async function addLabels(
  client: GitHubClient,
  owner: string,
  repo: string,
  pr: PullRequestData,
  labels: readonly string[] = [],
): Promise<Omit<PullRequestRef, 'operation'>> {
  const present = new Set(pr.labels.map((l) => l.name));
  const missing = [...new Set(labels)].filter((l) => !present.has(l));
  if (missing.length) await client.rest.issues.addLabels({ owner, repo, issue_number: pr.number, labels: missing });
  const author = pr.user?.login ?? '';
  return {
    number: pr.number,
    url: pr.html_url,
    labelsAdded: missing,
    author,
    triggersWorkflows: author !== 'github-actions[bot]',
  };
}
