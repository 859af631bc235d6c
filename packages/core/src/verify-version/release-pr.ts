// The release pull request, from the API: under a pull_request event the payload names it, but
// its draft state and title may have changed since the event, so it is read fresh.
import { ActionError } from '../action/index.ts';
import { describeGitHubError, getGitHubClient, parseRepository } from '../github/index.ts';
import type { ReleasePullRequest } from './types.ts';

export interface FindReleasePrOptions {
  token: string;
  repository: string;
  head: string;
  base: string;
  /** The PR the run is for, when the event is a pull request into `base`. */
  number?: number;
}

export async function findReleasePullRequest(opts: FindReleasePrOptions): Promise<ReleasePullRequest | null> {
  const { owner, repo } = parseRepository(opts.repository);
  const octokit = await getGitHubClient({ token: opts.token });
  try {
    if (opts.number) {
      const { data } = await octokit.rest.pulls.get({ owner, repo, pull_number: opts.number });
      return {
        number: data.number,
        title: data.title,
        draft: Boolean(data.draft),
        url: data.html_url,
        head: headOf(data.head),
      };
    }
    const { data } = await octokit.rest.pulls.list({
      owner,
      repo,
      state: 'open',
      head: `${owner}:${opts.head}`,
      base: opts.base,
      per_page: 10,
    });
    const pr = data[0];
    return pr
      ? { number: pr.number, title: pr.title, draft: Boolean(pr.draft), url: pr.html_url, head: headOf(pr.head) }
      : null;
  } catch (error) {
    // A 403 says which permission to add (check-release-pr needs pull-requests: read).
    const what = opts.number
      ? `read pull request #${opts.number} of ${opts.repository}`
      : `look for the release pull request from ${opts.head} to ${opts.base} in ${opts.repository}`;
    throw new ActionError(describeGitHubError(error, { operation: what }), { cause: error });
  }
}

/** GitHub gives `head.repo` null once a fork is deleted; the label (`user:branch`) stays. */
function headOf(head: { ref: string; label: string; repo: { full_name: string } | null }): ReleasePullRequest['head'] {
  return { repository: head.repo?.full_name ?? null, ref: head.ref, label: head.label };
}
