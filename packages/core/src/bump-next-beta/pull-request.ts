// The pull request bump-next-beta opens when it may not push to dev: one branch, one pull
// request, found and updated on a re-run rather than opened twice.
import { ActionError } from '../action/index.ts';
import { describeGitHubError, getGitHubClient, parseRepository } from '../github/index.ts';

export interface PullRequestTarget {
  base: string;
  head: string;
  title: string;
  body: string;
}

export interface PullRequestOutcome {
  number: number;
  url: string;
  operation: 'created' | 'updated' | 'unchanged';
  author: string;
  /**
   * False when the pull request was opened with the workflow's GITHUB_TOKEN (author
   * github-actions[bot]): GitHub does not start workflows for events that token causes.
   */
  triggersWorkflows: boolean;
}

export interface GitHubAccess {
  token: string;
  repository: string;
  apiUrl?: string;
}

export function pullRequestOpener(access: GitHubAccess): (target: PullRequestTarget) => Promise<PullRequestOutcome> {
  return async (target) => {
    const { owner, repo } = parseRepository(access.repository);
    const octokit = await getGitHubClient({ token: access.token, baseUrl: access.apiUrl });
    const outcome = (pr: { number: number; html_url: string; user: { login: string } | null }, operation: PullRequestOutcome['operation']): PullRequestOutcome => {
      const author = pr.user?.login ?? '';
      return { number: pr.number, url: pr.html_url, operation, author, triggersWorkflows: author !== 'github-actions[bot]' };
    };
    const find = async () => (await octokit.rest.pulls.list({ owner, repo, state: 'open', head: `${owner}:${target.head}`, base: target.base, per_page: 10 })).data[0];
    try {
      let pr = await find();
      if (!pr) {
        try {
          const { data } = await octokit.rest.pulls.create({ owner, repo, base: target.base, head: target.head, title: target.title, body: target.body });
          return outcome(data, 'created');
        } catch (error) {
          // Another run opened it between our look and our create.
          if ((error as { status?: number }).status !== 422) throw error;
          pr = await find();
          if (!pr) throw error;
        }
      }
      if (pr.title === target.title && (pr.body ?? '') === target.body) return outcome(pr, 'unchanged');
      const { data } = await octokit.rest.pulls.update({ owner, repo, pull_number: pr.number, title: target.title, body: target.body });
      return outcome(data, 'updated');
    } catch (error) {
      throw new ActionError(describeGitHubError(error, { operation: `open the pull request ${target.head} → ${target.base}`, needs: { pull_requests: 'write' } }), { cause: error });
    }
  };
}
