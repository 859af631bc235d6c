// fork mode through GitHub's merge-upstream ("Sync fork"): GitHub merges the parent's branch of
// the same name into the fork's branch on its side. It applies only to a fork on GitHub whose
// parent is the named upstream, for a branch of the same name on both.
import { ActionError, InputError } from '../action/index.ts';
import type { GitHubClient } from '../github/index.ts';

export interface ForkApiSettings {
  method: 'auto' | 'api' | 'git';
  token: string;
  apiUrl?: string;
  /** The web address repositories are cloned from (GITHUB_SERVER_URL). */
  serverUrl: string;
  /** The upstream as the user named it: `owner/name`, or a URL. */
  upstream: string;
}

export interface ForkApiTarget {
  client: GitHubClient;
  fork: { owner: string; repo: string };
  describe: (error: unknown, operation: string) => string;
}

/** `owner/name` of a clone URL on `serverUrl` (https or ssh), null for any other URL. */
export function repositoryOfUrl(url: string, serverUrl: string): string | null {
  const host = new URL(serverUrl).host;
  const base = serverUrl.replace(/\/+$/, '');
  const https = url.startsWith(`${base}/`) ? url.slice(base.length + 1) : null;
  const ssh = new RegExp(`^(?:ssh://)?git@${host.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[:/]`).exec(url);
  const rest = https ?? (ssh ? url.slice(ssh[0].length) : null);
  const m = rest ? /^([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(rest) : null;
  return m ? `${m[1]}/${m[2]}` : null;
}

/**
 * Whether merge-upstream applies, and the client to call it with; null (with the reason logged)
 * when it does not and the method is `auto`. With `api`, a reason it does not apply is an error.
 */
export async function forkApiTarget(
  settings: ForkApiSettings,
  facts: { originUrl: string | null; branch: string; upstreamBranch: string },
  log: (line: string) => void,
): Promise<ForkApiTarget | null> {
  if (settings.method === 'git') return null;
  const refuse = (reason: string): null => {
    if (settings.method === 'api')
      throw new InputError('fork-method', `"api" does not apply: ${reason}`, 'Use fork-method: git (or auto).');
    log(`Using git, not merge-upstream: ${reason}.`);
    return null;
  };
  if (!settings.token) return refuse('no token');
  if (facts.upstreamBranch !== facts.branch)
    return refuse(
      `merge-upstream merges the upstream branch of the same name, and ${facts.upstreamBranch} is not ${facts.branch}`,
    );
  const fork = facts.originUrl ? repositoryOfUrl(facts.originUrl, settings.serverUrl) : null;
  if (!fork) return refuse(`the checkout's origin is not a repository on ${settings.serverUrl}`);
  const upstream = /^[\w.-]+\/[\w.-]+$/.test(settings.upstream)
    ? settings.upstream.replace(/\.git$/, '')
    : repositoryOfUrl(settings.upstream, settings.serverUrl);
  if (!upstream) return refuse(`the upstream is not a repository on ${settings.serverUrl}`);

  const github = await import('../github/index.ts');
  const { owner, repo } = github.parseRepository(fork);
  const client = await github.getGitHubClient({ token: settings.token, baseUrl: settings.apiUrl });
  let parent: string | undefined;
  try {
    parent = (await client.rest.repos.get({ owner, repo })).data.parent?.full_name;
  } catch (error) {
    if (settings.method === 'api')
      throw new ActionError(github.describeGitHubError(error, { operation: `read ${fork}` }), { cause: error });
    return refuse(github.describeGitHubError(error, { operation: `read ${fork}` }));
  }
  if (!parent) return refuse(`GitHub does not list ${fork} as a fork`);
  if (parent.toLowerCase() !== upstream.toLowerCase())
    return refuse(`${fork} is a fork of ${parent}, not of ${upstream}`);
  return {
    client,
    fork: { owner, repo },
    describe: (error, operation) => github.describeGitHubError(error, { operation }),
  };
}

export type MergeUpstreamOutcome =
  { status: 'none' | 'fast-forward' | 'merge' } | { status: 'conflict' } | { status: 'refused'; message: string };

export async function mergeUpstream(target: ForkApiTarget, branch: string): Promise<MergeUpstreamOutcome> {
  try {
    const { data } = await target.client.rest.repos.mergeUpstream({ ...target.fork, branch });
    return { status: data.merge_type ?? 'none' };
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 409) return { status: 'conflict' };
    return {
      status: 'refused',
      message: target.describe(error, `sync ${target.fork.owner}/${target.fork.repo}:${branch} with upstream`),
    };
  }
}
