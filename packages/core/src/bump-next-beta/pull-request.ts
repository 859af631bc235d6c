// The pull request bump-next-beta opens when it may not push to dev: one branch, one pull
// request, found and updated on a re-run rather than opened twice.
import { ActionError } from '../action/index.ts';
import {
  describeGitHubError,
  getGitHubClient,
  openOrUpdatePullRequest,
  type PullRequestChange,
  type PullRequestRef,
} from '../github/index.ts';

export type PullRequestTarget = PullRequestChange;
export type PullRequestOutcome = Pick<PullRequestRef, 'number' | 'url' | 'operation' | 'author' | 'triggersWorkflows'>;

export interface GitHubAccess {
  token: string;
  repository: string;
  apiUrl?: string;
}

export function pullRequestOpener(access: GitHubAccess): (target: PullRequestTarget) => Promise<PullRequestOutcome> {
  return async (target) => {
    try {
      const client = await getGitHubClient({ token: access.token, baseUrl: access.apiUrl });
      const pr = await openOrUpdatePullRequest(client, { repository: access.repository, ...target });
      return {
        number: pr.number,
        url: pr.url,
        operation: pr.operation,
        author: pr.author,
        triggersWorkflows: pr.triggersWorkflows,
      };
    } catch (error) {
      throw new ActionError(
        describeGitHubError(error, {
          operation: `open the pull request ${target.head} → ${target.base}`,
          needs: { pull_requests: 'write' },
        }),
        { cause: error },
      );
    }
  };
}
